# Build the Windows installer: the bundle (PyInstaller), its self-test, then Inno Setup.
# Not run by the team yet (the project is built on Linux); see installer/README.md.
#
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
#
# Needs: Python 3.11+ (64-bit, from python.org or `winget install Python.Python.3.11`) and
# Inno Setup 6.3+ (`winget install JRSoftware.InnoSetup`).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "== creating .venv"
    py -3.11 -m venv .venv
}
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q -e . "pyinstaller>=6.10"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# The bundle has no lrelease: the translations are compiled here, then copied with resources\.
if (Test-Path "tools\update_translations.py") {
    & $py tools\update_translations.py --compile
    if ($LASTEXITCODE -ne 0) { throw "compiling the translations failed" }
}

Write-Host "== building installer\dist\loyalty\"
if (Test-Path "installer\dist\loyalty") { Remove-Item -Recurse -Force "installer\dist\loyalty" }
& $py -m PyInstaller --noconfirm --clean --log-level WARN --workpath build\pyinstaller --distpath installer\dist installer\loyalty.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

Write-Host "== self-test of the bundle"
$env:QT_QPA_PLATFORM = "offscreen"
& "installer\dist\loyalty\loyalty-cli.exe" --self-test
$status = $LASTEXITCODE
Remove-Item Env:\QT_QPA_PLATFORM
if ($status -ne 0) { throw "the bundle's self-test failed" }

$version = (& $py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    $iscc = @("$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe",
              "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
              "$env:ProgramFiles\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "Inno Setup's ISCC.exe not found: install Inno Setup 6.3 or later" }
Write-Host "== compiling the installer with $iscc"
& $iscc "/DAppVersion=$version" "installer\loyalty.iss"
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "== installer\dist\loyalty-counter-$version-setup.exe"
