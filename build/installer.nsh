; Registers the astral:// deep-link scheme for the Windows install (electron-builder's NSIS target
; does not do it from `protocols`), so a link opens Astral Coach before its first start, and removes
; it on uninstall. SHELL_CONTEXT is HKCU for a per-user install (perMachine: false), HKLM otherwise.
; The app also registers the scheme itself at every start (app.setAsDefaultProtocolClient).
!macro customInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\astral"
  WriteRegStr SHELL_CONTEXT "Software\Classes\astral" "" "URL:Astral Coach link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\astral" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\astral\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\astral\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\astral"
!macroend
