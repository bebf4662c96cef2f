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
if "%~1"=="serve" set "WHITELIST_GEN_OPTIONS=-Xmx128m -XX:+UseSerialGC"
"%WHITELIST_GEN_JAVA%" %WHITELIST_GEN_OPTIONS% -cp "%WHITELIST_GEN_JAR%" dev.whitelistgen.cli.WhitelistGen %*
exit /b %ERRORLEVEL%

:no_java
echo whitelist-gen: needs Java 17 or newer: set JAVA_HOME to its folder or put java.exe on PATH 1>&2
exit /b 127
