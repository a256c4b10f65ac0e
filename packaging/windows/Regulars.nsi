; The Windows installer for Regulars, built by "make windows" with NSIS:
;
;   makensis -DVERSION=0.1.0 -DEXE=dist\windows\Regulars.exe -DICON=build\Regulars.ico
;            -DOUT=dist\Regulars-Setup-0.1.0.exe packaging/windows/Regulars.nsi
;
; It installs for the current user only, without administrator rights:
; the program under %LocalAppData%\Programs\Regulars, a Start menu entry,
; an optional desktop shortcut, "Open with Regulars" for .vcf files and an
; uninstaller, all registered under HKEY_CURRENT_USER. The uninstaller
; keeps the data folder (%AppData%\Regulars) unless the user ticks "Also
; delete my data". /S installs and uninstalls silently (with the default
; choices: desktop shortcut yes, data kept).

Unicode true
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma

!define APP "Regulars"
!define PROGID "Regulars.vcf"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "LegalCopyright" ""

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${APP}" SecApp
	SectionIn RO
	SetShellVarContext current
	SetOutPath "$INSTDIR"
	File "/oname=${APP}.exe" "${EXE}"
	WriteUninstaller "$INSTDIR\Uninstall.exe"
	CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe"
	WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"

	; "Open with Regulars" for contact files (.vcf).
	WriteRegStr HKCU "Software\Classes\.vcf\OpenWithProgids" "${PROGID}" ""
	WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Contacts (vCard)"
	WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP}.exe,0"
	WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP}.exe" "%1"'
	WriteRegStr HKCU "Software\Classes\Applications\${APP}.exe" "FriendlyAppName" "${APP}"
	WriteRegStr HKCU "Software\Classes\Applications\${APP}.exe\SupportedTypes" ".vcf" ""
	WriteRegStr HKCU "Software\Classes\Applications\${APP}.exe\shell\open\command" "" '"$INSTDIR\${APP}.exe" "%1"'

	; Settings ▸ Apps lists it, with its uninstaller.
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
	WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
	System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Desktop shortcut" SecDesktop
	SetShellVarContext current
	CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${APP}.exe"
SectionEnd

Section "un.${APP}" UnSecApp
	SectionIn RO
	SetShellVarContext current
	Delete "$INSTDIR\${APP}.exe"
	Delete "$INSTDIR\Uninstall.exe"
	RMDir "$INSTDIR"
	Delete "$SMPROGRAMS\${APP}.lnk"
	Delete "$DESKTOP\${APP}.lnk"
	DeleteRegValue HKCU "Software\Classes\.vcf\OpenWithProgids" "${PROGID}"
	DeleteRegKey /ifempty HKCU "Software\Classes\.vcf\OpenWithProgids"
	DeleteRegKey /ifempty HKCU "Software\Classes\.vcf"
	DeleteRegKey HKCU "Software\Classes\${PROGID}"
	DeleteRegKey HKCU "Software\Classes\Applications\${APP}.exe"
	DeleteRegKey HKCU "${UNINSTALL_KEY}"
	DeleteRegKey HKCU "Software\${APP}"
	System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; Off unless ticked: customers, purchases and backups stay for a later
; install (or another computer) by default.
Section /o "un.Also delete my data (%AppData%\${APP}: customers and backups)" UnSecData
	SetShellVarContext current
	RMDir /r "$APPDATA\${APP}"
SectionEnd
