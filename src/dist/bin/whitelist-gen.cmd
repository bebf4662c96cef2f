@echo off
rem whitelist-gen launcher for Windows (the portable zip): runs lib\whitelist-gen.jar with Java 17 or newer,
rem %JAVA_HOME%\bin\java.exe if JAVA_HOME is set, else java.exe on PATH. Every argument is passed on as typed
rem (%*), and java's exit code is this script's (docs/usage.md lists them); 127 when no Java is found.
rem Like every .cmd, it reads & | < > ^ in an argument as cmd's own unless the argument is in double quotes.
setlocal
set "WHITELIST_GEN_JAR=%~dp0..\lib\whitelist-gen.jar"
set "WHITELIST_GEN_JAVA="
if defined JAVA_HOME (
	set "WHITELIST_GEN_JAVA=%JAVA_HOME%\bin\java.exe"
) else (
	for %%J in (java.exe) do set "WHITELIST_GEN_JAVA=%%~$PATH:J"
)
if not defined WHITELIST_GEN_JAVA goto no_java
if not exist "%WHITELIST_GEN_JAVA%" goto no_java
rem C1 only and one compiler thread: a short-lived CLI spends most of its time starting the JVM; serve is
rem long-running: the full JIT, a bounded heap with the serial collector (as bin/whitelist-gen)
set "WHITELIST_GEN_OPTIONS=-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
if "%~1"=="serve" (set "WHITELIST_GEN_OPTIONS=-Xmx128m -XX:+UseSerialGC") else call :large_profile %*
"%WHITELIST_GEN_JAVA%" %WHITELIST_GEN_OPTIONS% -cp "%WHITELIST_GEN_JAR%" dev.whitelistgen.cli.WhitelistGen %*
exit /b %ERRORLEVEL%

rem A profile file (--profile or -p) over 4 MB, about 250,000 networks: the full JIT pays for itself there (as
rem bin/whitelist-gen says why). The scan stops at the first empty argument; it only chooses the options.
:large_profile
if "%~1"=="" exit /b 0
if /i "%~1"=="--profile" call :full_jit_if_large "%~2"
if /i "%~1"=="-p" call :full_jit_if_large "%~2"
shift
goto large_profile

:full_jit_if_large
if "%~1"=="" exit /b 0
if not exist "%~1" exit /b 0
if exist "%~1\*" exit /b 0
set "WHITELIST_GEN_SIZE=%~z1"
if not defined WHITELIST_GEN_SIZE exit /b 0
if %WHITELIST_GEN_SIZE% GTR 4000000 set "WHITELIST_GEN_OPTIONS="
exit /b 0

:no_java
echo whitelist-gen: needs Java 17 or newer: set JAVA_HOME to its folder or put java.exe on PATH 1>&2
exit /b 127
