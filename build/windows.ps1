<#
.SYNOPSIS
Builds the one-file Windows client, Fernhilfe.exe, and signs it with Authenticode.

.DESCRIPTION
Run it on Windows from any folder, with Python 3.11 on PATH:

    powershell -ExecutionPolicy Bypass -File build\windows.ps1 -Config path\to\organisation.json `
        -CertificateThumbprint <SHA-1 of the code-signing certificate> -TimestampUrl <RFC 3161 URL>

The organisation's logo becomes the .exe's icon. Without -CertificateThumbprint the .exe is built
but left unsigned (SmartScreen then warns every customer): fine for a test, never for customers.
build/README.md explains signing. The path of the .exe is the last line of output.
#>
param(
    [string]$Config = "resources\organisation.json",
    [string]$Dist = ".pyinstaller\dist",
    [string]$Work = ".pyinstaller\work",
    [string]$CertificateThumbprint = $env:FERNHILFE_SIGN_THUMBPRINT,
    [string]$TimestampUrl = $env:FERNHILFE_TIMESTAMP_URL
)
$ErrorActionPreference = "Stop"
$configPath = (Resolve-Path $Config).Path
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path ".venv\Scripts\pyinstaller.exe")) {
    python -m venv .venv
    if ($LASTEXITCODE) { throw "creating .venv failed" }
    .venv\Scripts\python.exe -m pip install -q -e ".[dev]"
    if ($LASTEXITCODE) { throw "installing the packages failed" }
}

.venv\Scripts\pyinstaller.exe installer.spec --noconfirm --log-level WARN `
    --workpath $Work --distpath $Dist -- --config $configPath
if ($LASTEXITCODE) { throw "PyInstaller failed" }
$exe = (Resolve-Path (Join-Path $Dist "Fernhilfe.exe")).Path

if ($CertificateThumbprint) {
    if (-not $TimestampUrl) { throw "signing needs -TimestampUrl: an unstamped signature expires with the certificate" }
    signtool sign /fd SHA256 /td SHA256 /tr $TimestampUrl /sha1 $CertificateThumbprint /d "Fernhilfe" $exe
    if ($LASTEXITCODE) { throw "signtool sign failed" }
    signtool verify /pa /v $exe
    if ($LASTEXITCODE) { throw "the signature does not verify" }
} else {
    Write-Warning "Fernhilfe.exe is NOT signed: pass -CertificateThumbprint and -TimestampUrl for customers"
}
Write-Output $exe
