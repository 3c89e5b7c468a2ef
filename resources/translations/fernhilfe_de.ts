<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChatBox</name>
    <message>
        <location filename="../../client/ui/chat_box.py" line="30"/>
        <source>Show or hide the chat</source>
        <translation>Chat ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="34"/>
        <source>Chat messages</source>
        <translation>Chatnachrichten</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="39"/>
        <source>Write to your support contact</source>
        <translation>Schreiben Sie Ihrem Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="40"/>
        <source>Message to your support contact</source>
        <translation>Nachricht an Ihren Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="41"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="42"/>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="87"/>
        <source>&amp;Chat (%1 new)</source>
        <translation>&amp;Chat (%1 neu)</translation>
    </message>
    <message>
        <location filename="../../client/ui/chat_box.py" line="88"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="28"/>
        <source>Allow screen viewing?</source>
        <translation>Bildschirmansicht erlauben?</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="29"/>
        <source>Consent to screen viewing</source>
        <translation>Zustimmung zur Bildschirmansicht</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="30"/>
        <source>%1 from %2 asks to see your screen.</source>
        <translation>%1 von %2 möchte Ihren Bildschirm sehen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="31"/>
        <source>They will see everything on your screens, but cannot use your mouse or keyboard. A notice in the top-right corner shows while your screen is shared. You can end the session at any time.</source>
        <translation>Dabei ist alles auf Ihren Bildschirmen zu sehen, Maus und Tastatur können aber nicht benutzt werden. Solange Ihr Bildschirm geteilt wird, steht oben rechts ein Hinweis. Sie können die Sitzung jederzeit beenden.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="41"/>
        <source>Allow remote control?</source>
        <translation>Fernsteuerung erlauben?</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="42"/>
        <source>Consent to remote control</source>
        <translation>Zustimmung zur Fernsteuerung</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="43"/>
        <source>%1 from %2 asks to control your mouse and keyboard.</source>
        <translation>%1 von %2 möchte Ihre Maus und Tastatur bedienen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="46"/>
        <source>They will be able to use your mouse and keyboard. To take control back at any time, simply move your mouse: remote control pauses until you have stopped for a moment. The control panel switches back to view-only or ends the session with one click.</source>
        <translation>Maus und Tastatur können dann aus der Ferne bedient werden. Um die Kontrolle jederzeit zurückzunehmen, bewegen Sie einfach Ihre Maus: Die Fernsteuerung pausiert, bis Sie einen Moment innehalten. Über das Bedienfeld schalten Sie mit einem Klick auf „Nur ansehen“ zurück oder beenden die Sitzung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="52"/>
        <source>Allow remote control</source>
        <translation>Fernsteuerung erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="53"/>
        <source>Deny remote control</source>
        <translation>Fernsteuerung ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="96"/>
        <source>The session is recorded (screenshots, chat and who controlled the computer) and the recording is deleted after %1 days.</source>
        <translation>Die Sitzung wird aufgezeichnet (Bildschirmfotos, Chat und wer den Computer bedient hat). Die Aufzeichnung wird nach %1 Tagen gelöscht.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="100"/>
        <source>The session is not recorded.</source>
        <translation>Die Sitzung wird nicht aufgezeichnet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="105"/>
        <source>Time left to answer</source>
        <translation>Verbleibende Zeit für die Antwort</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="107"/>
        <source>&amp;Allow</source>
        <translation>&amp;Erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="133"/>
        <source>Without an answer, this is denied in %1 s.</source>
        <translation>Ohne Antwort wird dies in %1 s abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="37"/>
        <source>Allow screen viewing</source>
        <translation>Bildschirmansicht erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="109"/>
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="38"/>
        <source>Deny screen viewing</source>
        <translation>Bildschirmansicht ablehnen</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../../client/ui/control_panel.py" line="26"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="27"/>
        <source>Remote support control panel</source>
        <translation>Bedienfeld der Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="32"/>
        <source>%1 (%2) can see your screen.</source>
        <translation>%1 (%2) kann Ihren Bildschirm sehen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="37"/>
        <source>Session state</source>
        <translation>Sitzungsstatus</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="39"/>
        <location filename="../../client/ui/control_panel.py" line="66"/>
        <source>Permissions: view only. Your mouse and keyboard stay yours.</source>
        <translation>Berechtigung: nur ansehen. Maus und Tastatur bleiben bei Ihnen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="42"/>
        <source>&amp;View only</source>
        <translation>&amp;Nur ansehen</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="43"/>
        <source>Stop remote control, keep showing the screen</source>
        <translation>Fernsteuerung beenden, Bildschirm weiter zeigen</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="48"/>
        <source>&amp;End session</source>
        <translation>Sitzung &amp;beenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="49"/>
        <source>End session</source>
        <translation>Sitzung beenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="69"/>
        <source>Remote control is on. Move your mouse to take over at any time.</source>
        <translation>Die Fernsteuerung ist aktiv. Bewegen Sie Ihre Maus, um jederzeit zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="73"/>
        <source>You have control. Remote control resumes when you stop using mouse and keyboard.</source>
        <translation>Sie haben die Kontrolle. Die Fernsteuerung geht weiter, wenn Sie Maus und Tastatur ruhen lassen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="82"/>
        <source>The connection was lost. Reconnecting… Nothing is shared or controlled meanwhile.</source>
        <translation>Die Verbindung ist unterbrochen und wird wiederhergestellt… Solange wird nichts geteilt und nichts ferngesteuert.</translation>
    </message>
</context>
<context>
    <name>CustomerApp</name>
    <message>
        <location filename="../../client/app.py" line="343"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="372"/>
        <source>Fernhilfe: connection lost, reconnecting…</source>
        <translation>Fernhilfe: Verbindung unterbrochen, wird wiederhergestellt…</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="389"/>
        <source>Fernhilfe: %1 (%2) may control this screen</source>
        <translation>Fernhilfe: %1 (%2) darf diesen Bildschirm bedienen</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="391"/>
        <source>Fernhilfe: %1 (%2) sees this screen</source>
        <translation>Fernhilfe: %1 (%2) sieht diesen Bildschirm</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="419"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="423"/>
        <source>Session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../client/__main__.py" line="97"/>
        <source>Fernhilfe is not set up correctly: %1</source>
        <translation>Fernhilfe ist nicht richtig eingerichtet: %1</translation>
    </message>
    <message>
        <location filename="../../client/__main__.py" line="124"/>
        <source>Fernhilfe could not be kept on this computer: %1</source>
        <translation>Fernhilfe konnte nicht auf diesem Computer behalten werden: %1</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../client/ui/notice_text.py" line="13"/>
        <source>This session number is not valid. Please check it with your support contact.</source>
        <translation>Diese Sitzungsnummer ist ungültig. Bitte prüfen Sie sie mit Ihrem Ansprechpartner.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="17"/>
        <source>Too many wrong numbers were tried. Please wait %1 seconds and try again.</source>
        <translation>Es wurden zu viele falsche Nummern versucht. Bitte warten Sie %1 Sekunden und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="21"/>
        <source>The support server cannot be reached. Please check your internet connection.</source>
        <translation>Der Support-Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="25"/>
        <source>The support server could not prove its identity, so no connection was made. Please tell your support contact.</source>
        <translation>Der Support-Server konnte seine Identität nicht nachweisen, deshalb wurde keine Verbindung aufgebaut. Bitte sagen Sie Ihrem Ansprechpartner Bescheid.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="31"/>
        <source>This version of Fernhilfe is too old or too new for the support server.</source>
        <translation>Diese Fernhilfe-Version passt nicht zum Support-Server.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="35"/>
        <source>The support server sent something unexpected. The session was ended for your safety.</source>
        <translation>Der Support-Server hat etwas Unerwartetes gesendet. Die Sitzung wurde zu Ihrer Sicherheit beendet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="39"/>
        <source>The connection to the support server was lost. Nothing is shared any more.</source>
        <translation>Die Verbindung zum Support-Server ist abgebrochen. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="43"/>
        <source>The connection to the support server could not be restored, so the session has ended. Nobody sees your screen any more.</source>
        <translation>Die Verbindung zum Support-Server konnte nicht wiederhergestellt werden, daher ist die Sitzung beendet. Niemand sieht mehr Ihren Bildschirm.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="49"/>
        <source>You denied access. Nothing was shared.</source>
        <translation>Sie haben den Zugriff abgelehnt. Es wurde nichts geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="51"/>
        <source>You ended the session.</source>
        <translation>Sie haben die Sitzung beendet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="53"/>
        <source>%1 ended the session. Nothing is shared any more.</source>
        <translation>%1 hat die Sitzung beendet. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="55"/>
        <source>Your support contact</source>
        <translation>Ihr Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="57"/>
        <source>The support server ended the session. Nothing is shared any more.</source>
        <translation>Der Support-Server hat die Sitzung beendet. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="61"/>
        <source>The sharing notice could not be shown, so your screen was not shared.</source>
        <translation>Der Hinweis auf die Freigabe konnte nicht angezeigt werden, deshalb wurde Ihr Bildschirm nicht geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="64"/>
        <source>Your screen could not be captured any more, so the session was ended.</source>
        <translation>Ihr Bildschirm konnte nicht mehr aufgenommen werden, deshalb wurde die Sitzung beendet.</translation>
    </message>
</context>
<context>
    <name>SessionNumberDialog</name>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="39"/>
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="40"/>
        <source>Enter session number</source>
        <translation>Sitzungsnummer eingeben</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="44"/>
        <source>Logo of %1</source>
        <translation>Logo von %1</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="52"/>
        <source>Your support contact at %1 will read you a session number. Type it here to start remote support. Nothing is shared until you allow it.</source>
        <translation>Ihr Ansprechpartner bei %1 nennt Ihnen eine Sitzungsnummer. Geben Sie sie hier ein, um die Fernwartung zu starten. Es wird nichts geteilt, bevor Sie es erlauben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="58"/>
        <source>&amp;Session number:</source>
        <translation>&amp;Sitzungsnummer:</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="74"/>
        <source>&amp;Keep Fernhilfe on this computer for later sessions</source>
        <translation>Fernhilfe für spätere Sitzungen auf diesem Computer &amp;behalten</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="75"/>
        <source>Keep Fernhilfe on this computer</source>
        <translation>Fernhilfe auf diesem Computer behalten</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="77"/>
        <source>Otherwise Fernhilfe removes itself from this computer when the session ends.</source>
        <translation>Sonst entfernt sich Fernhilfe am Ende der Sitzung von diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="108"/>
        <source>Session number</source>
        <translation>Sitzungsnummer</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="130"/>
        <source>Questions? Call %1</source>
        <translation>Fragen? Rufen Sie %1 an</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="65"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="71"/>
        <source>Connecting</source>
        <translation>Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="81"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="82"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="85"/>
        <location filename="../../client/ui/number_dialog.py" line="86"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
</TS>
