@echo off
rem In a checkout: runs the server built by mvnw package (target\quarkus-app\bin\clay-mcp.cmd, the launcher the
rem release ships). A released copy has the launcher itself at this path.
set "LAUNCHER=%~dp0..\target\quarkus-app\bin\clay-mcp.cmd"
if not exist "%LAUNCHER%" (
  echo clay-mcp-server: not built yet. Run mvnw -ntp package -DskipTests first. 1>&2
  exit /b 1
)
call "%LAUNCHER%" %*
exit /b %ERRORLEVEL%
