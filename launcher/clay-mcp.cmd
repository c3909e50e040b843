@echo off
rem Starts clay-mcp-server with the JVM settings that make it start fast and stay small, picked for the JDK it
rem finds (JAVA_HOME, else the java on the PATH), and with the JVM's class cache for this JDK and build when there is
rem one. The Windows twin of bin/clay-mcp. Stdout is the MCP protocol channel: nothing here ever writes to it.
rem
rem   clay-mcp.cmd [--version | --help]   run the server
rem   clay-mcp.cmd --prepare              build the class cache for this JDK now, then exit
rem
rem Environment: JAVA_HOME; JAVA_OPTS (applied last: a garbage collector or heap size there replaces the launcher's);
rem CLAY_MCP_CACHE_DIR (default %LOCALAPPDATA%\clay-mcp-server, which only the user may read; "off" in any letter
rem case for none); CLAY_MCP_PREPARE=off; and every CLAY_* setting of the server. An archive is used only while its
rem size is the one recorded with it, and a dying JVM prints no crash banner on stdout.
setlocal EnableExtensions EnableDelayedExpansion

set "APP=%~dp0.."
for %%I in ("%APP%") do set "APP=%%~fI"
rem a build's tree (target\quarkus-app) runs its own quarkus-run.jar; the release archive has two jars beside bin\:
rem the desktop build (stdio) and the hosted build, which serves HTTP
set "JAR=%APP%\quarkus-run.jar"
if not exist "%JAR%" (
  if /i "%CLAY_MCP_TRANSPORT%"=="http" (set "JAR=%APP%\clay-mcp-server-http.jar") else (set "JAR=%APP%\clay-mcp-server.jar")
)

set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%J in (java.exe) do set "JAVA=%%~$PATH:J"
if not defined JAVA (
  echo clay-mcp-server: no Java found. Install a JDK 17 or newer ^(25 starts fastest^) and put it on the PATH, or set JAVA_HOME. 1>&2
  exit /b 1
)

rem the JDK's release file tells its version without starting a JVM
for %%J in ("%JAVA%") do set "JDK=%%~dpJ.."
for %%J in ("%JDK%") do set "JDK=%%~fJ"
set "MAJOR=0"
for /f "tokens=2 delims==." %%V in ('findstr /b "JAVA_VERSION=" "%JDK%\release" 2^>nul') do set "MAJOR=%%~V"
set "MAJOR=%MAJOR:"=%"

rem a collector or a heap size in JAVA_OPTS replaces ours (two collectors, or a first heap above the largest, stop the JVM)
set "GC=-XX:+UseSerialGC"
set "HEAP=-Xms8m"
if defined JAVA_OPTS (
  echo(%JAVA_OPTS%| findstr /r /c:"-XX:+Use[A-Za-z]*GC" >nul && set "GC="
  echo(%JAVA_OPTS%| findstr /c:"-Xms" /c:"-Xmx" /c:"HeapSize=" >nul && set "HEAP="
)
set "FLAGS=%GC% %HEAP% -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=0.1 -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr -XX:+SuppressFatalErrorMessage"

if not defined CLAY_MCP_CACHE_DIR set "CLAY_MCP_CACHE_DIR=%LOCALAPPDATA%\clay-mcp-server"
set "CACHE="
if /i not "%CLAY_MCP_CACHE_DIR%"=="off" if %MAJOR% GEQ 17 (
  rem one cache per JDK build and per build of the server: the build's build-id (its content), else the jar's size
  rem and time, and the JDK's version
  set "STAMP="
  if exist "%APP%\build-id" (set /p STAMP=<"%APP%\build-id") else (for %%F in ("%JAR%") do set "STAMP=%%~zF-%%~tF")
  set "STAMP=!STAMP:~0,40!"
  for /f "tokens=2 delims==" %%V in ('findstr /b "JAVA_VERSION=" "%JDK%\release" 2^>nul') do set "STAMP=!STAMP!-%%~V"
  set "KEY=!STAMP::=!"
  set "KEY=!KEY:/=!"
  set "KEY=!KEY: =!"
  set "KEY=!KEY:\=!"
  set "KEY=!KEY:"=!"
  set "CACHE=%CLAY_MCP_CACHE_DIR%\jdk%MAJOR%-!KEY!.jsa"
  set "USE=-XX:SharedArchiveFile=!CACHE!"
  set "MAKE=-XX:ArchiveClassesAtExit=!CACHE!.tmp"
)

if "%~1"=="--prepare" (
  if not defined CACHE (
    echo clay-mcp-server: no class cache without a JDK 17 or newer, or with CLAY_MCP_CACHE_DIR=off 1>&2
    exit /b 1
  )
  if exist "!CACHE!" del /q "!CACHE!"
  call :prepare
  if errorlevel 2 (
    echo clay-mcp-server: another start is recording the class cache right now ^(lock !CACHE!.lock^); try again in a minute 1>&2
    exit /b 1
  )
  if exist "!CACHE!" (
    echo clay-mcp-server: class cache ready: !CACHE! 1>&2
    exit /b 0
  )
  echo clay-mcp-server: could not make the class cache in %CLAY_MCP_CACHE_DIR% 1>&2
  exit /b 1
)

rem an archive whose size is not the one recorded with it (cut short) would crash the JVM: it is discarded
if defined CACHE if exist "!CACHE!" (
  set "RECORDED="
  if exist "!CACHE!.size" set /p RECORDED=<"!CACHE!.size"
  for %%F in ("!CACHE!") do set "ACTUAL=%%~zF"
  if not "!RECORDED!"=="!ACTUAL!" del /q "!CACHE!" "!CACHE!.size" 2>nul
)
if "%~1"=="" if defined CACHE if not exist "!CACHE!" if /i not "%CLAY_MCP_PREPARE%"=="off" (
  rem no cache yet: this start goes without, and a run in the background records one for the starts after it
  start "" /b /min cmd /c ""%~f0" --prepare >nul 2>nul <nul"
)
if defined CACHE if exist "!CACHE!" (
  "%JAVA%" %FLAGS% "!USE!" %JAVA_OPTS% "-Dclay.mcp.cache-dir=%CLAY_MCP_CACHE_DIR%" -jar "%JAR%" %*
  exit /b !ERRORLEVEL!
)
"%JAVA%" %FLAGS% %JAVA_OPTS% "-Dclay.mcp.cache-dir=%CLAY_MCP_CACHE_DIR%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:prepare
if not exist "%CLAY_MCP_CACHE_DIR%" mkdir "%CLAY_MCP_CACHE_DIR%" 2>nul
rem a lock left by a recording that was interrupted (older than ten minutes) is taken over
mkdir "!CACHE!.lock" 2>nul || (
  powershell -NoProfile -Command "if (((Get-Date) - (Get-Item -LiteralPath '!CACHE!.lock').LastWriteTime).TotalMinutes -gt 10) { exit 0 } else { exit 1 }" >nul 2>nul && rmdir /s /q "!CACHE!.lock" 2>nul
  mkdir "!CACHE!.lock" 2>nul || exit /b 2
)
setlocal
set "CLAY_SANDBOX=true"
set "CLAY_MCP_TRANSPORT=stdio"
set "CLAY_MCP_CACHE_DIR=off"
"%JAVA%" %FLAGS% "!MAKE!" -jar "%JAR%" < "%APP%\bin\training.jsonl" > nul 2>&1
endlocal
if exist "!CACHE!.tmp" (
  for %%F in ("!CACHE!.tmp") do > "!CACHE!.size" echo %%~zF
  move /y "!CACHE!.tmp" "!CACHE!" > nul
)
rmdir "!CACHE!.lock" 2>nul
exit /b 0
