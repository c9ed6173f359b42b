"""The Windows installer is built and tried under Wine by installer/build_windows_wine.sh (too
heavy for the suite: installer/README.md); what can be checked without it is checked here: the installer and the app agree on the data folder (the uninstaller's
"also delete the data" must remove exactly the folder the app writes), every message the
script shows exists in Spanish and English, and the files it names exist or are built."""

import re
import tomllib
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows

from loyalty.common import paths

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ISS = (INSTALLER / "loyalty.iss").read_text(encoding="utf-8-sig")
INNO_BUILT_IN_MESSAGES = {"LaunchProgram"}   # defined by Inno Setup's own Default.isl / Spanish.isl


def defines() -> dict[str, str]:
    return dict(re.findall(r'#define\s+(\w+)\s+"([^"]*)"', ISS))


def test_on_windows_the_app_and_the_uninstaller_mean_the_same_data_folder(monkeypatch):
    local = r"C:\Users\ana\AppData\Local"
    monkeypatch.delenv("LOYALTY_DB", raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        lambda csidl: local if csidl == "CSIDL_LOCAL_APPDATA" else r"C:\elsewhere")
    database = PureWindowsPath(paths.default_database_path())
    assert database == PureWindowsPath(local, "LoyaltyCounter", "loyalty.sqlite")

    assert "ExpandConstant('{localappdata}\\{#DataFolderName}')" in ISS
    assert PureWindowsPath(local, defines()["DataFolderName"]) == database.parent


def test_every_message_of_the_installer_is_in_spanish_and_english():
    defined = re.findall(r"^(es|en)\.(\w+)=", ISS, flags=re.MULTILINE)
    by_language = {language: {name for lang, name in defined if lang == language} for language in ("es", "en")}
    assert by_language["es"] == by_language["en"] and by_language["es"]
    used = set(re.findall(r"\{cm:(\w+)", ISS)) | set(re.findall(r"CustomMessage\('(\w+)'\)", ISS))
    assert used - INNO_BUILT_IN_MESSAGES <= by_language["es"], used - by_language["es"]
    assert re.search(r'Name: "es"; MessagesFile: "compiler:Languages\\Spanish.isl"', ISS)


def test_the_files_the_installer_names_exist_or_are_built_by_the_spec():
    icon = re.search(r"^SetupIconFile=(.+)$", ISS, flags=re.MULTILINE).group(1).strip()
    assert (INSTALLER / PureWindowsPath(icon).as_posix()).is_file()
    spec = (INSTALLER / "loyalty.spec").read_text(encoding="utf-8")
    built = set(re.findall(r'name="([\w-]+)"', spec))
    installed = set(re.findall(r"\{app\}\\([\w-]+)\.exe", ISS))
    assert installed and installed <= built, installed - built
    powershell = (INSTALLER / "build_windows.ps1").read_text(encoding="utf-8-sig")
    assert set(re.findall(r"dist\\loyalty\\([\w-]+)\.exe", powershell)) <= built


def test_the_installer_is_per_user_and_keeps_the_data_by_default():
    assert re.search(r"^PrivilegesRequired=lowest$", ISS, flags=re.MULTILINE)
    # per user: {autopf} = {userpf} = %LOCALAPPDATA%\Programs, spelled out (Wine cannot expand {userpf})
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\\{#AppName\}$", ISS, flags=re.MULTILINE)
    assert "Box.Checked := False;" in ISS and "if UninstallSilent() then" in ISS


def test_the_scripts_default_version_is_the_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert defines()["AppVersion"] == project["version"]
    assert (INSTALLER / "loyalty.iss").read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM for Inno Setup"


def test_the_wine_build_script_parses_and_names_what_the_spec_builds():
    """installer/build_windows_wine.sh (not run by the suite): bash reads it, it runs the spec
    and the .iss, and the programs and files it names are the ones they produce."""
    import subprocess

    script_path = INSTALLER / "build_windows_wine.sh"
    assert subprocess.run(["bash", "-n", str(script_path)], capture_output=True).returncode == 0
    script = script_path.read_text(encoding="utf-8")
    spec = (INSTALLER / "loyalty.spec").read_text(encoding="utf-8")
    built = set(re.findall(r'name="([\w-]+)"', spec))
    assert "installer/loyalty.spec" in script and "installer/loyalty.iss" in script
    assert set(re.findall(r"\$BUNDLE/([\w-]+)\.exe", script)) | set(re.findall(r"\\\\([\w-]+)\.exe", script)) \
        - {"unins000"} <= built
    assert re.search(r'name="loyalty"\s*,?\s*\)', spec) or 'name="loyalty",' in spec   # the bundle's folder: loyalty
    assert "BUNDLE=$OUT/loyalty" in script and '"/DBundleDir=dist-windows\\\\loyalty"' in script
    output = re.search(r"^OutputBaseFilename=(.+)$", ISS, flags=re.MULTILINE).group(1).strip()
    assert output.replace("{#AppVersion}", "$VERSION") + ".exe" in script.replace('SETUP="$OUT/', "")
    assert "dpkg --remove-architecture i386" in script, "apt left as it was"
