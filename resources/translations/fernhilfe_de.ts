<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminView</name>
    <message>
        <location filename="../../client/ui/admin_view.py" line="28"/>
        <source>Administrator rights</source>
        <translation>Administratorrechte</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="31"/>
        <source>&amp;Take administrator rights back</source>
        <translation>Administratorrechte &amp;zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="32"/>
        <source>Take administrator rights back, keep remote control</source>
        <translation>Administratorrechte zurücknehmen, Fernsteuerung behalten</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="36"/>
        <source>Commands run as administrator and their output</source>
        <translation>Als Administrator ausgeführte Befehle und ihre Ausgabe</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="53"/>
        <source>Administrator rights are on: commands below run with full rights on this computer.</source>
        <translation>Administratorrechte sind an: Die Befehle unten laufen mit allen Rechten auf diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="56"/>
        <source>Administrator rights are off.</source>
        <translation>Administratorrechte sind aus.</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="64"/>
        <source>Running as administrator:</source>
        <translation>Wird als Administrator ausgeführt:</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="68"/>
        <source>[stopped]</source>
        <translation>[abgebrochen]</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="70"/>
        <source>[finished with exit code %1]</source>
        <translation>[beendet mit Exit-Code %1]</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="74"/>
        <source>The password prompt was not confirmed: no administrator rights. Remote control goes on as before; your support contact can ask again if they still need them.</source>
        <translation>Die Passwortabfrage wurde nicht bestätigt: keine Administratorrechte. Die Fernsteuerung geht weiter wie bisher; Ihr Ansprechpartner kann noch einmal fragen, wenn er sie noch braucht.</translation>
    </message>
    <message>
        <location filename="../../client/ui/admin_view.py" line="79"/>
        <source>Administrator rights could not be started on this computer. Remote control goes on as before; please tell your support contact.</source>
        <translation>Administratorrechte konnten auf diesem Computer nicht gestartet werden. Die Fernsteuerung geht weiter wie bisher; bitte sagen Sie es Ihrem Ansprechpartner.</translation>
    </message>
</context>
<context>
    <name>Branding</name>
    <message>
        <location filename="../../client/ui/branding.py" line="41"/>
        <source>Questions? Call %1</source>
        <translation>Fragen? Rufen Sie %1 an</translation>
    </message>
    <message>
        <location filename="../../client/ui/branding.py" line="82"/>
        <source>Organisation: %1</source>
        <translation>Organisation: %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/branding.py" line="85"/>
        <source>Logo of %1</source>
        <translation>Logo von %1</translation>
    </message>
</context>
<context>
    <name>CallerCheckDialog</name>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="38"/>
        <location filename="../../client/ui/caller_check_dialog.py" line="39"/>
        <source>Who called whom?</source>
        <translation>Wer hat wen angerufen?</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="41"/>
        <source>Did you call %1 yourself at %2?</source>
        <translation>Haben Sie %1 selbst unter %2 angerufen?</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="45"/>
        <source>&amp;Yes, I called them</source>
        <translation>&amp;Ja, ich habe angerufen</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="46"/>
        <source>&amp;No, they called me</source>
        <translation>&amp;Nein, ich wurde angerufen</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="47"/>
        <source>&amp;Continue anyway</source>
        <translation>&amp;Trotzdem fortfahren</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="48"/>
        <source>&amp;End session</source>
        <translation>Sitzung &amp;beenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="71"/>
        <source>You phoned the organisation yourself: the session goes on.</source>
        <translation>Sie haben die Organisation selbst angerufen: Die Sitzung geht weiter.</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="72"/>
        <source>Someone phoned you: Fernhilfe warns you before anything is shared.</source>
        <translation>Jemand hat Sie angerufen: Fernhilfe warnt Sie, bevor etwas geteilt wird.</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="73"/>
        <source>Ends the session. Nothing is shared.</source>
        <translation>Beendet die Sitzung. Es wird nichts geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="74"/>
        <source>Goes on although you were called. Only if you are sure.</source>
        <translation>Macht weiter, obwohl Sie angerufen wurden. Nur, wenn Sie sicher sind.</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="81"/>
        <source>Warning: possible scam</source>
        <translation>Warnung: möglicher Betrug</translation>
    </message>
    <message>
        <location filename="../../client/ui/caller_check_dialog.py" line="84"/>
        <source>Warning: %1 does not call customers unannounced to get access to their computer. Scammers pretend to be support staff. End this session and call %1 yourself at %2.</source>
        <translation>Warnung: %1 ruft Kunden nicht unangekündigt an, um Zugriff auf ihren Computer zu bekommen. Betrüger geben sich als Support-Mitarbeiter aus. Beenden Sie diese Sitzung und rufen Sie %1 selbst unter %2 an.</translation>
    </message>
</context>
<context>
    <name>ChatBox</name>
    <message>
        <location filename="../../client/ui/chat_box.py" line="84"/>
        <source>Show or hide the chat</source>
        <translation>Chat ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="85"/>
        <source>Write with your support contact.</source>
        <translation>Schreiben Sie mit Ihrem Ansprechpartner.</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="94"/>
        <source>Chat messages</source>
        <translation>Chatnachrichten</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="95"/>
        <source>What you and your support contact wrote.</source>
        <translation>Was Sie und Ihr Ansprechpartner geschrieben haben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="101"/>
        <source>Write to your support contact</source>
        <translation>Schreiben Sie Ihrem Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="102"/>
        <source>Message to your support contact</source>
        <translation>Nachricht an Ihren Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="103"/>
        <source>Press Enter to send.</source>
        <translation>Mit der Eingabetaste senden.</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="104"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="105"/>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="106"/>
        <source>Sends what you wrote to your support contact.</source>
        <translation>Sendet Ihren Text an Ihren Ansprechpartner.</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="162"/>
        <source>Hide &amp;chat</source>
        <translation>&amp;Chat ausblenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="162"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
</context>
<context>
    <name>ClosingMessage</name>
    <message>
        <location filename="../../client/ui/closing_message.py" line="29"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/closing_message.py" line="30"/>
        <source>Session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
    <message>
        <location filename="../../client/ui/closing_message.py" line="31"/>
        <source>Session ended. Nobody sees your screen any more.</source>
        <translation>Sitzung beendet. Niemand sieht mehr Ihren Bildschirm.</translation>
    </message>
    <message>
        <location filename="../../client/ui/closing_message.py" line="38"/>
        <source>Fernhilfe stays on this computer for later sessions.</source>
        <translation>Fernhilfe bleibt für spätere Sitzungen auf diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/closing_message.py" line="40"/>
        <source>Fernhilfe now removes itself from this computer.</source>
        <translation>Fernhilfe entfernt sich jetzt von diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/closing_message.py" line="46"/>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <location filename="../../client/ui/closing_message.py" line="47"/>
        <source>It also closes by itself after a few seconds.</source>
        <translation>Sie schließt sich auch nach einigen Sekunden von selbst.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="35"/>
        <source>Allow screen viewing?</source>
        <translation>Bildschirmansicht erlauben?</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="36"/>
        <source>Consent to screen viewing</source>
        <translation>Zustimmung zur Bildschirmansicht</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="37"/>
        <source>%1 from %2 asks to see your screen.</source>
        <translation>%1 von %2 möchte Ihren Bildschirm sehen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="38"/>
        <source>They will see everything on your screens, but cannot use your mouse or keyboard. A notice in the top-right corner shows while your screen is shared. You can end the session at any time.</source>
        <translation>Dabei ist alles auf Ihren Bildschirmen zu sehen, Maus und Tastatur können aber nicht benutzt werden. Solange Ihr Bildschirm geteilt wird, steht oben rechts ein Hinweis. Sie können die Sitzung jederzeit beenden.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="49"/>
        <source>Allow administrator rights?</source>
        <translation>Administratorrechte erlauben?</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="50"/>
        <source>Consent to administrator rights</source>
        <translation>Zustimmung zu Administratorrechten</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="51"/>
        <source>%1 from %2 asks for administrator rights on this computer.</source>
        <translation>%1 von %2 bittet um Administratorrechte auf diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="54"/>
        <source>With administrator rights they can install or remove programs and change system settings that affect everyone using this computer. Every command is shown to you in the control panel before it runs, and you can take the rights back with one click. If you allow it, your computer will ask for your password next. You can also refuse and do the steps yourself while they guide you.</source>
        <translation>Mit Administratorrechten können Programme installiert oder entfernt und Systemeinstellungen geändert werden, die alle betreffen, die diesen Computer benutzen. Jeder Befehl wird Ihnen im Bedienfeld gezeigt, bevor er ausgeführt wird, und Sie können die Rechte mit einem Klick zurücknehmen. Wenn Sie zustimmen, fragt Ihr Computer als Nächstes nach Ihrem Passwort. Sie können auch ablehnen und die Schritte selbst ausführen, während man Sie anleitet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="62"/>
        <source>Allow administrator rights</source>
        <translation>Administratorrechte erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="63"/>
        <source>Deny administrator rights</source>
        <translation>Administratorrechte ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="66"/>
        <source>Allow remote control?</source>
        <translation>Fernsteuerung erlauben?</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="67"/>
        <source>Consent to remote control</source>
        <translation>Zustimmung zur Fernsteuerung</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="68"/>
        <source>%1 from %2 asks to control your mouse and keyboard.</source>
        <translation>%1 von %2 möchte Ihre Maus und Tastatur bedienen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="71"/>
        <source>They will be able to use your mouse and keyboard. To take control back at any time, simply move your mouse: remote control pauses until you have stopped for a moment. The control panel switches back to view-only or ends the session with one click.</source>
        <translation>Maus und Tastatur können dann aus der Ferne bedient werden. Um die Kontrolle jederzeit zurückzunehmen, bewegen Sie einfach Ihre Maus: Die Fernsteuerung pausiert, bis Sie einen Moment innehalten. Über das Bedienfeld schalten Sie mit einem Klick auf „Nur ansehen“ zurück oder beenden die Sitzung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="77"/>
        <source>Allow remote control</source>
        <translation>Fernsteuerung erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="78"/>
        <source>Deny remote control</source>
        <translation>Fernsteuerung ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="126"/>
        <source>The session is recorded (screenshots, chat and who controlled the computer) and the recording is deleted after %1 days.</source>
        <translation>Die Sitzung wird aufgezeichnet (Bildschirmfotos, Chat und wer den Computer bedient hat). Die Aufzeichnung wird nach %1 Tagen gelöscht.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="130"/>
        <source>The session is not recorded.</source>
        <translation>Die Sitzung wird nicht aufgezeichnet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="135"/>
        <source>Time left to answer</source>
        <translation>Verbleibende Zeit für die Antwort</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="137"/>
        <source>&amp;Allow</source>
        <translation>&amp;Erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="163"/>
        <source>Gives %1 this permission for this session only.</source>
        <translation>Erlaubt es %1 nur für diese Sitzung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="166"/>
        <source>Nothing more is shared.</source>
        <translation>Es wird nichts weiter geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="177"/>
        <source>Without an answer, this is denied in %1 s.</source>
        <translation>Ohne Antwort wird dies in %1 s abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="44"/>
        <source>Allow screen viewing</source>
        <translation>Bildschirmansicht erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="138"/>
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="45"/>
        <source>Deny screen viewing</source>
        <translation>Bildschirmansicht ablehnen</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../../client/ui/control_panel.py" line="51"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="52"/>
        <source>Remote support control panel</source>
        <translation>Bedienfeld der Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="65"/>
        <source>%1 (%2) can see your screen.</source>
        <translation>%1 (%2) kann Ihren Bildschirm sehen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="70"/>
        <source>Session state</source>
        <translation>Sitzungsstatus</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="72"/>
        <location filename="../../client/ui/control_panel.py" line="118"/>
        <source>Permissions: view only. Your mouse and keyboard stay yours.</source>
        <translation>Berechtigung: nur ansehen. Maus und Tastatur bleiben bei Ihnen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="75"/>
        <source>&amp;View only</source>
        <translation>&amp;Nur ansehen</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="76"/>
        <source>Stop remote control, keep showing the screen</source>
        <translation>Fernsteuerung beenden, Bildschirm weiter zeigen</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="78"/>
        <source>Your support contact can still see your screen but no longer use it.</source>
        <translation>Ihr Ansprechpartner sieht Ihren Bildschirm weiter, kann ihn aber nicht mehr bedienen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="85"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="88"/>
        <source>Stops sharing your screen at once and disconnects your support contact.</source>
        <translation>Beendet die Freigabe Ihres Bildschirms sofort und trennt Ihren Ansprechpartner.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="134"/>
        <source>Ctrl+Alt+End</source>
        <translation>Strg+Alt+Ende</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="135"/>
        <source>Control+Option+End</source>
        <translation>Control+Wahltaste+Ende</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="137"/>
        <source>Or press %1 anywhere to stop.</source>
        <translation>Oder drücken Sie überall %1, um zu stoppen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="146"/>
        <source>The support server is restarting. Reconnecting… Nothing is shared or controlled meanwhile.</source>
        <translation>Der Support-Server startet neu. Die Verbindung wird wiederhergestellt… Solange wird nichts geteilt und nichts ferngesteuert.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="153"/>
        <source>The support server cannot be reached right now (it may be restarting, or the network is down). Still trying… Nothing is shared or controlled meanwhile.</source>
        <translation>Der Support-Server ist gerade nicht erreichbar (er startet vielleicht neu, oder das Netzwerk ist gestört). Es wird weiter versucht… Solange wird nichts geteilt und nichts ferngesteuert.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="159"/>
        <source>The connection was lost. Reconnecting… Nothing is shared or controlled meanwhile.</source>
        <translation>Die Verbindung ist unterbrochen und wird wiederhergestellt… Solange wird nichts geteilt und nichts ferngesteuert.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="86"/>
        <source>End session</source>
        <translation>Sitzung beenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="55"/>
        <source>Shows who can see your screen. Alt+S stops the session, Alt+C shows the chat, Alt+V stops remote control.</source>
        <translation>Zeigt, wer Ihren Bildschirm sieht. Alt+S stoppt die Sitzung, Alt+C zeigt den Chat, Alt+N beendet die Fernsteuerung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="90"/>
        <source>Stop ends the session at once: nothing is shared any more.</source>
        <translation>Stopp beendet die Sitzung sofort: Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="121"/>
        <source>Remote control is on. Move your mouse to take over at any time.</source>
        <translation>Die Fernsteuerung ist aktiv. Bewegen Sie Ihre Maus, um jederzeit zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="125"/>
        <source>You have control. Remote control resumes when you stop using mouse and keyboard.</source>
        <translation>Sie haben die Kontrolle. Die Fernsteuerung geht weiter, wenn Sie Maus und Tastatur ruhen lassen.</translation>
    </message>
</context>
<context>
    <name>CustomerApp</name>
    <message>
        <location filename="../../client/app.py" line="476"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="97"/>
        <location filename="../../client/ui/notice_dialog.py" line="110"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="117"/>
        <source>Fernhilfe cannot share this screen: this computer runs a Wayland desktop that offers no screen sharing, or none with Fernhilfe’s notice kept in view. Please log out, choose an “X11” or “Xorg” session on the login screen (often behind a gear icon next to the password field), log in again and start Fernhilfe once more.</source>
        <translation>Fernhilfe kann diesen Bildschirm nicht freigeben: Auf diesem Computer läuft ein Wayland-Desktop, der keine Bildschirmfreigabe anbietet oder keine, bei der der Hinweis von Fernhilfe sichtbar bleibt. Bitte melden Sie sich ab, wählen Sie auf dem Anmeldebildschirm eine „X11“- oder „Xorg“-Sitzung (oft hinter einem Zahnrad-Symbol neben dem Passwortfeld), melden Sie sich wieder an und starten Sie Fernhilfe erneut.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="115"/>
        <source>Screen sharing is not possible</source>
        <translation>Bildschirmfreigabe ist nicht möglich</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="102"/>
        <source>Session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="16"/>
        <source>Copy &amp;details for support</source>
        <translation>&amp;Details für den Support kopieren</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="17"/>
        <source>Copy details for support</source>
        <translation>Details für den Support kopieren</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="19"/>
        <source>Copies the version, the system and recent log lines, never your screen.</source>
        <translation>Kopiert die Version, das System und die letzten Protokollzeilen, nie Ihren Bildschirm.</translation>
    </message>
</context>
<context>
    <name>IdentityBanner</name>
    <message>
        <location filename="../../client/ui/identity_banner.py" line="25"/>
        <source>Warning: who is asking could not be verified. Only continue if you are sure you know who you are talking to.</source>
        <translation>Warnung: Es konnte nicht bestätigt werden, wer anfragt. Fahren Sie nur fort, wenn Sie sicher wissen, mit wem Sie sprechen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/identity_banner.py" line="30"/>
        <source>Identity not verified</source>
        <translation>Identität nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../../client/ui/identity_banner.py" line="34"/>
        <source>Verified: %1
Expert: %2 (staff ID %3)
Security code: %4 — ask them to read it out</source>
        <translation>Bestätigt: %1
Experte: %2 (Mitarbeiterkennung %3)
Sicherheitscode: %4 – lassen Sie ihn sich vorlesen</translation>
    </message>
    <message>
        <location filename="../../client/ui/identity_banner.py" line="41"/>
        <source>Identity verified</source>
        <translation>Identität bestätigt</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../client/ui/start_messages.py" line="19"/>
        <source>Fernhilfe is not set up correctly: %1. Please download Fernhilfe again from your support organisation.</source>
        <translation>Fernhilfe ist nicht richtig eingerichtet: %1. Bitte laden Sie Fernhilfe noch einmal bei Ihrer Support-Organisation herunter.</translation>
    </message>
    <message>
        <location filename="../../client/ui/start_messages.py" line="25"/>
        <source>Fernhilfe could not be kept on this computer: %1. Your session was not affected; next time, start Fernhilfe from the download again.</source>
        <translation>Fernhilfe konnte nicht auf diesem Computer behalten werden: %1. Ihre Sitzung war davon nicht betroffen; starten Sie Fernhilfe beim nächsten Mal wieder aus dem Download.</translation>
    </message>
    <message>
        <location filename="../../client/ui/start_messages.py" line="31"/>
        <source>Fernhilfe could not be removed completely: %1. Please restart the computer and remove it once more.</source>
        <translation>Fernhilfe konnte nicht vollständig entfernt werden: %1. Bitte starten Sie den Computer neu und entfernen Sie Fernhilfe noch einmal.</translation>
    </message>
    <message>
        <location filename="../../client/ui/start_messages.py" line="37"/>
        <source>Fernhilfe cannot open its window: the screen (display “%1”) does not answer. Please start Fernhilfe again from your desktop.</source>
        <translation>Fernhilfe kann sein Fenster nicht öffnen: Der Bildschirm (Display „%1“) antwortet nicht. Bitte starten Sie Fernhilfe noch einmal von Ihrem Desktop aus.</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../client/ui/notice_text.py" line="43"/>
        <source>This session number is wrong or has expired. Please check it, or ask your support contact for a new one.</source>
        <translation>Diese Sitzungsnummer ist falsch oder abgelaufen. Bitte prüfen Sie sie, oder bitten Sie Ihren Ansprechpartner um eine neue.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="49"/>
        <source>Too many wrong numbers were tried. Please wait %1 seconds and try again.</source>
        <translation>Es wurden zu viele falsche Nummern versucht. Bitte warten Sie %1 Sekunden und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="58"/>
        <source>The support server could not prove its identity, so no connection was made. Please tell your support contact.</source>
        <translation>Der Support-Server konnte seine Identität nicht nachweisen, deshalb wurde keine Verbindung aufgebaut. Bitte sagen Sie Ihrem Ansprechpartner Bescheid.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="82"/>
        <source>The connection to the support server could not be restored, so the session has ended. Nobody sees your screen any more. To go on, ask your support contact for a new session number.</source>
        <translation>Die Verbindung zum Support-Server konnte nicht wiederhergestellt werden, daher ist die Sitzung beendet. Niemand sieht Ihren Bildschirm mehr. Um weiterzumachen, bitten Sie Ihren Ansprechpartner um eine neue Sitzungsnummer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="89"/>
        <source>You denied access. Nothing was shared.</source>
        <translation>Sie haben den Zugriff abgelehnt. Es wurde nichts geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="91"/>
        <source>You ended the session.</source>
        <translation>Sie haben die Sitzung beendet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="93"/>
        <source>%1 ended the session. Nothing is shared any more.</source>
        <translation>%1 hat die Sitzung beendet. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="95"/>
        <source>Your support contact</source>
        <translation>Ihr Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="53"/>
        <source>The support server cannot be reached. Please check your internet connection and try again.</source>
        <translation>Der Support-Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="64"/>
        <source>This version of Fernhilfe is too old or too new for the support server. Please ask your support contact for the current download.</source>
        <translation>Diese Fernhilfe-Version passt nicht zum Support-Server. Bitte fragen Sie Ihren Ansprechpartner nach dem aktuellen Download.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="70"/>
        <source>The support server sent something unexpected. The session was ended for your safety. Please ask your support contact for a new session number.</source>
        <translation>Der Support-Server hat etwas Unerwartetes gesendet. Die Sitzung wurde zu Ihrer Sicherheit beendet. Bitte fragen Sie Ihren Ansprechpartner nach einer neuen Sitzungsnummer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="76"/>
        <source>The connection to the support server was lost. Nothing is shared any more. To go on, ask your support contact for a new session number.</source>
        <translation>Die Verbindung zum Support-Server ist abgebrochen. Es wird nichts mehr geteilt. Um weiterzumachen, fragen Sie Ihren Ansprechpartner nach einer neuen Sitzungsnummer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="97"/>
        <source>The support server ended the session. Nothing is shared any more. If you still need help, ask your support contact for a new session number.</source>
        <translation>Der Support-Server hat die Sitzung beendet. Es wird nichts mehr geteilt. Wenn Sie noch Hilfe brauchen, bitten Sie Ihren Ansprechpartner um eine neue Sitzungsnummer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="103"/>
        <source>The sharing notice could not be shown, so your screen was not shared. Please tell your support contact.</source>
        <translation>Der Hinweis auf die Freigabe konnte nicht angezeigt werden, deshalb wurde Ihr Bildschirm nicht geteilt. Bitte sagen Sie Ihrem Ansprechpartner Bescheid.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="108"/>
        <source>Your screen could not be captured any more, so the session was ended. Please tell your support contact.</source>
        <translation>Ihr Bildschirm konnte nicht mehr aufgenommen werden, deshalb wurde die Sitzung beendet. Bitte sagen Sie Ihrem Ansprechpartner Bescheid.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="129"/>
        <source>You said you were called.</source>
        <translation>Sie haben angegeben, dass Sie angerufen wurden.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="131"/>
        <source>The server did not say who is asking.</source>
        <translation>Der Server hat nicht mitgeteilt, wer anfragt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="133"/>
        <source>The proof of who is asking has expired (or this computer&apos;s clock is wrong).</source>
        <translation>Der Nachweis, wer anfragt, ist abgelaufen (oder die Uhr dieses Computers geht falsch).</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="137"/>
        <source>The proof of who is asking belongs to another session.</source>
        <translation>Der Nachweis, wer anfragt, gehört zu einer anderen Sitzung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="141"/>
        <source>The proof of who is asking is not genuine: it was changed or signed by someone else.</source>
        <translation>Der Nachweis, wer anfragt, ist nicht echt: Er wurde verändert oder von jemand anderem unterschrieben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="144"/>
        <source>Warning: %1 The session was ended and nothing was shared.</source>
        <translation>Warnung: %1 Die Sitzung wurde beendet, es wurde nichts geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="148"/>
        <source>If in doubt, call your support organisation yourself at %1.</source>
        <translation>Rufen Sie im Zweifel Ihre Support-Organisation selbst unter %1 an.</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="56"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="61"/>
        <source>Support phone number</source>
        <translation>Telefonnummer des Supports</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="67"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="68"/>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_dialog.py" line="69"/>
        <source>Fernhilfe closes when you have read the message.</source>
        <translation>Fernhilfe schließt sich, wenn Sie die Meldung gelesen haben.</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="29"/>
        <source>Viewing the screen</source>
        <translation>Bildschirm ansehen</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="30"/>
        <source>Controlling mouse and keyboard</source>
        <translation>Maus und Tastatur steuern</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="31"/>
        <source>Administrator actions</source>
        <translation>Administrator-Aktionen</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="38"/>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="39"/>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="40"/>
        <source>withdrawn</source>
        <translation>zurückgenommen</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="60"/>
        <source>en</source>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="61"/>
        <source>Fernhilfe session receipt</source>
        <translation>Fernhilfe-Sitzungsbeleg</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="68"/>
        <source>Verified: %1</source>
        <translation>Bestätigt: %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="71"/>
        <source>The identity of the organisation was not verified.</source>
        <translation>Die Identität der Organisation wurde nicht bestätigt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="77"/>
        <source>staff ID %1</source>
        <translation>Mitarbeiterkennung %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="80"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="81"/>
        <source>Expert</source>
        <translation>Experte</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="82"/>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="83"/>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="84"/>
        <source>Ended</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="93"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="95"/>
        <location filename="../../client/ui/receipt_html.py" line="126"/>
        <location filename="../../client/ui/receipt_html.py" line="138"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="96"/>
        <source>Permission</source>
        <translation>Berechtigung</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="97"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="51"/>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="104"/>
        <source>Yes, you took control back: %1</source>
        <translation>Ja, Sie haben die Kontrolle zurückgenommen: %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="108"/>
        <source>No, you did not take control back.</source>
        <translation>Nein, Sie haben die Kontrolle nicht zurückgenommen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="111"/>
        <source>Did you take control back?</source>
        <translation>Haben Sie die Kontrolle zurückgenommen?</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="117"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="124"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="127"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="128"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="136"/>
        <source>Administrator commands</source>
        <translation>Administrator-Befehle</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="139"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="140"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="147"/>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="157"/>
        <source>could not start</source>
        <translation>konnte nicht starten</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="159"/>
        <source>stopped</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="161"/>
        <source>end not known</source>
        <translation>Ende nicht bekannt</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="162"/>
        <source>exit status %1</source>
        <translation>Exit-Status %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="168"/>
        <source>The session was not recorded.</source>
        <translation>Die Sitzung wurde nicht aufgezeichnet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="169"/>
        <source>The session was recorded (screenshots, chat and who controlled the computer). The recording is deleted on %1.</source>
        <translation>Die Sitzung wurde aufgezeichnet (Bildschirmfotos, Chat und wer den Computer gesteuert hat). Die Aufzeichnung wird am %1 gelöscht.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="175"/>
        <source>To ask for it or for its deletion, call %1 at %2 and give the session %3.</source>
        <translation>Um sie anzufordern oder ihre Löschung zu verlangen, rufen Sie %1 unter %2 an und nennen Sie die Sitzung %3.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_html.py" line="180"/>
        <source>To ask for it or for its deletion, contact %1 and give the session %3.</source>
        <translation>Um sie anzufordern oder ihre Löschung zu verlangen, wenden Sie sich an %1 und nennen Sie die Sitzung %3.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="25"/>
        <source>Fernhilfe: session receipt</source>
        <translation>Fernhilfe: Sitzungsbeleg</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="26"/>
        <source>Session receipt</source>
        <translation>Sitzungsbeleg</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="32"/>
        <source>A copy was saved to %1</source>
        <translation>Eine Kopie wurde gespeichert unter %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="35"/>
        <source>The receipt could not be saved. You can still read it here; if you need a copy, ask your support contact.</source>
        <translation>Der Sitzungsbeleg konnte nicht gespeichert werden. Sie können ihn hier trotzdem lesen; wenn Sie eine Kopie brauchen, fragen Sie Ihren Ansprechpartner.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="42"/>
        <source>What happened in the session</source>
        <translation>Was in der Sitzung geschah</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="44"/>
        <source>Who helped you, what they were allowed to do, and when.</source>
        <translation>Wer Ihnen geholfen hat, was er tun durfte und wann.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="47"/>
        <source>Close the receipt</source>
        <translation>Sitzungsbeleg schließen</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="48"/>
        <source>Fernhilfe closes when you have read it.</source>
        <translation>Fernhilfe schließt sich, wenn Sie ihn gelesen haben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/receipt_dialog.py" line="46"/>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>SessionNumberDialog</name>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="45"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="46"/>
        <source>Enter session number</source>
        <translation>Sitzungsnummer eingeben</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="59"/>
        <source>Your support contact at %1 will read you a session number. Type it here to start remote support. Nothing is shared until you allow it.</source>
        <translation>Ihr Ansprechpartner bei %1 nennt Ihnen eine Sitzungsnummer. Geben Sie sie hier ein, um die Fernwartung zu starten. Es wird nichts geteilt, bevor Sie es erlauben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="65"/>
        <source>&amp;Session number:</source>
        <translation>&amp;Sitzungsnummer:</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="77"/>
        <source>&amp;Keep Fernhilfe on this computer for later sessions</source>
        <translation>Fernhilfe für spätere Sitzungen auf diesem Computer &amp;behalten</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="78"/>
        <source>Keep Fernhilfe on this computer</source>
        <translation>Fernhilfe auf diesem Computer behalten</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="80"/>
        <source>Otherwise Fernhilfe removes itself from this computer when the session ends.</source>
        <translation>Sonst entfernt sich Fernhilfe am Ende der Sitzung von diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="118"/>
        <source>Connects to your support contact. Nothing is shared until you allow it.</source>
        <translation>Verbindet Sie mit Ihrem Ansprechpartner. Es wird nichts geteilt, bevor Sie es erlauben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="121"/>
        <source>Closes Fernhilfe without connecting.</source>
        <translation>Schließt Fernhilfe, ohne zu verbinden.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="133"/>
        <source>Session number</source>
        <translation>Sitzungsnummer</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="72"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="134"/>
        <source>The number your support contact reads out to you.</source>
        <translation>Die Nummer, die Ihr Ansprechpartner Ihnen vorliest.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="149"/>
        <source>Connecting</source>
        <translation>Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="83"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="84"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="86"/>
        <location filename="../../client/ui/number_dialog.py" line="87"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Watermark</name>
    <message>
        <location filename="../../client/ui/watermark_look.py" line="14"/>
        <source>Viewing: %1 (%2) sees your screen</source>
        <translation>Ansehen: %1 (%2) sieht Ihren Bildschirm</translation>
    </message>
    <message>
        <location filename="../../client/ui/watermark_look.py" line="15"/>
        <source>Controlling: %1 (%2) can use your mouse and keyboard</source>
        <translation>Steuern: %1 (%2) kann Ihre Maus und Tastatur benutzen</translation>
    </message>
    <message>
        <location filename="../../client/ui/watermark_look.py" line="18"/>
        <source>Customer has control: %1 (%2) is paused</source>
        <translation>Kunde hat die Kontrolle: %1 (%2) pausiert</translation>
    </message>
    <message>
        <location filename="../../client/ui/watermark_look.py" line="21"/>
        <source>Admin: %1 (%2) may act with administrator rights</source>
        <translation>Admin: %1 (%2) darf mit Administratorrechten handeln</translation>
    </message>
    <message>
        <location filename="../../client/ui/watermark_look.py" line="24"/>
        <source>Reconnecting: %1 (%2) sees nothing until the connection is back</source>
        <translation>Verbindung wird wiederhergestellt: %1 (%2) sieht nichts, bis die Verbindung zurück ist</translation>
    </message>
    <message>
        <location filename="../../client/ui/watermark.py" line="66"/>
        <source>Your screen is being shared. End the session in the Fernhilfe control panel at any time.</source>
        <translation>Ihr Bildschirm wird geteilt. Im Fernhilfe-Bedienfeld können Sie die Sitzung jederzeit beenden.</translation>
    </message>
</context>
</TS>
