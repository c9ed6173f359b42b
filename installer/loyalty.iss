; Inno Setup script: the Windows installer for the one-folder bundle in installer\dist\loyalty
; (built first by installer\build_windows.ps1, which then compiles this file):
;
;     ISCC.exe /DAppVersion=0.1.0 installer\loyalty.iss
;
; Per-user: no administrator rights needed. The app goes to %LOCALAPPDATA%\Programs\Loyalty Counter;
; the shop's data lives apart, in %LOCALAPPDATA%\LoyaltyCounter (loyalty\paths.py: platformdirs'
; user data folder), so installing a new version never touches it and uninstalling keeps it
; unless the person ticks the box that removes it.
;
; Written for Inno Setup 6.3 or later (6.6 changed CreateCustomForm; both forms are below).
; Saved as UTF-8 with a byte-order mark, so that no tool (nor an Inno Setup older than 6.3)
; takes it for ANSI and garbles the Spanish texts.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The PyInstaller bundle to package, relative to this file (build_windows_wine.sh passes
; /DBundleDir=dist-windows\loyalty: its bundle is built beside the Linux one, not over it).
#ifndef BundleDir
  #define BundleDir "dist\loyalty"
#endif
#define AppName "Loyalty Counter"
#define DataFolderName "LoyaltyCounter"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{100AB9E2-DF65-4649-B910-DE5FC86500C5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
PrivilegesRequired=lowest
; Per-user, so {autopf} would be {userpf}: %LOCALAPPDATA%\Programs. Spelled out, because Wine (where
; the installer is checked on Linux) cannot expand {userpf}; on Windows the two are the same.
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile=..\resources\loyalty-counter.ico
UninstallDisplayIcon={app}\loyalty.exe
UninstallDisplayName={#AppName}
OutputDir=dist
OutputBaseFilename=loyalty-counter-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
; Close a running copy (files in use) before replacing it.
CloseApplications=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
es.DesktopIcon=Crear un acceso directo en el escritorio
en.DesktopIcon=Create a desktop shortcut
es.RemoveDataTitle=Desinstalar {#AppName}
en.RemoveDataTitle=Uninstall {#AppName}
es.RemoveDataText=Los datos de la tienda (socios, puntos, ventas, copias de seguridad y registros) están en%n%1%nSe conservan al desinstalar, para que una nueva instalación los encuentre.
en.RemoveDataText=The shop's data (members, points, sales, backups and logs) is in%n%1%nIt is kept when you uninstall, so that a new installation finds it.
es.RemoveDataCheck=Borrar también los datos de la tienda (no se puede deshacer)
en.RemoveDataCheck=Also delete the shop's data (this cannot be undone)
es.RemoveDataConfirm=¿Borrar para siempre todos los datos de la tienda en %1?%n%nLas copias guardadas en otras carpetas (un USB, por ejemplo) no se tocan.
en.RemoveDataConfirm=Delete all of the shop's data in %1 for good?%n%nBackups kept in other folders (a USB stick, for example) are not touched.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no library from the previous version may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\loyalty.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\loyalty.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\loyalty.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveData: Boolean;

function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolderName}');
end;

{ The uninstaller's question, with the box unticked: keeping the data is the default. }
function AskAboutData(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  OKButton, CancelButton: TNewButton;
begin
#if Ver < EncodeVer(6, 6, 0)
  Form := CreateCustomForm;
  Form.ClientWidth := ScaleX(460);
  Form.ClientHeight := ScaleY(170);
#else
  Form := CreateCustomForm(ScaleX(460), ScaleY(170), False, True);
#endif
  try
    Form.Caption := CustomMessage('RemoveDataTitle');

    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(12);
    Text.Top := ScaleY(12);
    Text.Width := Form.ClientWidth - ScaleX(24);
    Text.AutoSize := False;
    Text.WordWrap := True;
    Text.Height := ScaleY(70);
    Text.Caption := FmtMessage(CustomMessage('RemoveDataText'), [DataFolder()]);

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := Text.Top + Text.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('RemoveDataCheck');
    Box.Checked := False;

    OKButton := TNewButton.Create(Form);
    OKButton.Parent := Form;
    OKButton.Caption := SetupMessage(msgButtonOK);
    OKButton.Width := ScaleX(90);
    OKButton.Height := ScaleY(25);
    OKButton.Left := Form.ClientWidth - ScaleX(90 + 8 + 90 + 12);
    OKButton.Top := Form.ClientHeight - ScaleY(25 + 12);
    OKButton.ModalResult := mrOk;
    OKButton.Default := True;

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := SetupMessage(msgButtonCancel);
    CancelButton.Width := ScaleX(90);
    CancelButton.Height := ScaleY(25);
    CancelButton.Left := Form.ClientWidth - ScaleX(90 + 12);
    CancelButton.Top := OKButton.Top;
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;

    Form.ActiveControl := OKButton;
    Result := Form.ShowModal() = mrOk;
    RemoveData := Result and Box.Checked;
    if RemoveData then
      RemoveData := MsgBox(FmtMessage(CustomMessage('RemoveDataConfirm'), [DataFolder()]),
                           mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  RemoveData := False;
  { A silent uninstall (an upgrade script, IT tools) never deletes the shop's data. }
  if UninstallSilent() then
    Result := True
  else
    Result := AskAboutData();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveData and DirExists(DataFolder()) then
    DelTree(DataFolder(), True, True, True);
end;
