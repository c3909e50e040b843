@echo off
rem In a checkout: runs the server built by mvnw package, through the launcher the release ships: the desktop build
rem (desktop\target\quarkus-app, stdio), or with CLAY_MCP_TRANSPORT=http the hosted build (server\target\quarkus-app).
rem A released copy has the launcher itself at this path.
set "LAUNCHER=%~dp0..\desktop\target\quarkus-app\bin\clay-mcp.cmd"
if /i "%CLAY_MCP_TRANSPORT%"=="http" set "LAUNCHER=%~dp0..\server\target\quarkus-app\bin\clay-mcp.cmd"
if not exist "%LAUNCHER%" (
  echo clay-mcp-server: not built yet. Run mvnw package -DskipTests first. 1>&2
  exit /b 1
)
call "%LAUNCHER%" %*
exit /b %ERRORLEVEL%
