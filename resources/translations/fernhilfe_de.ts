<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="28" />
        <source>Allow screen viewing?</source>
        <translation>Bildschirmansicht erlauben?</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="29" />
        <source>Consent to screen viewing</source>
        <translation>Zustimmung zur Bildschirmansicht</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="34" />
        <source>%1 from %2 asks to see your screen.</source>
        <translation>%1 von %2 möchte Ihren Bildschirm sehen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="47" />
        <source>They will see everything on your screens, but cannot use your mouse or keyboard. A notice in the top-right corner shows while your screen is shared. You can end the session at any time.</source>
        <translation>Dabei ist alles auf Ihren Bildschirmen zu sehen, Maus und Tastatur können aber nicht benutzt werden. Solange Ihr Bildschirm geteilt wird, steht oben rechts ein Hinweis. Sie können die Sitzung jederzeit beenden.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="56" />
        <source>The session is recorded (screenshots, chat and who controlled the computer) and the recording is deleted after %1 days.</source>
        <translation>Die Sitzung wird aufgezeichnet (Bildschirmfotos, Chat und wer den Computer bedient hat). Die Aufzeichnung wird nach %1 Tagen gelöscht.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="60" />
        <source>The session is not recorded.</source>
        <translation>Die Sitzung wird nicht aufgezeichnet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="65" />
        <source>Time left to answer</source>
        <translation>Verbleibende Zeit für die Antwort</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="67" />
        <source>&amp;Allow</source>
        <translation>&amp;Erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="68" />
        <source>Allow screen viewing</source>
        <translation>Bildschirmansicht erlauben</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="69" />
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="70" />
        <source>Deny screen viewing</source>
        <translation>Bildschirmansicht ablehnen</translation>
    </message>
    <message>
        <location filename="../../client/ui/consent_dialog.py" line="93" />
        <source>Without an answer, viewing is denied in %1 s.</source>
        <translation>Ohne Antwort wird die Ansicht in %1 s abgelehnt.</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../../client/ui/control_panel.py" line="19" />
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="20" />
        <source>Remote support control panel</source>
        <translation>Bedienfeld der Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="25" />
        <source>%1 (%2) can see your screen.</source>
        <translation>%1 (%2) kann Ihren Bildschirm sehen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="29" />
        <source>Session state</source>
        <translation>Sitzungsstatus</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="31" />
        <source>Permissions: view only. Your mouse and keyboard stay yours.</source>
        <translation>Berechtigung: nur ansehen. Maus und Tastatur bleiben bei Ihnen.</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="34" />
        <source>&amp;End session</source>
        <translation>Sitzung &amp;beenden</translation>
    </message>
    <message>
        <location filename="../../client/ui/control_panel.py" line="35" />
        <source>End session</source>
        <translation>Sitzung beenden</translation>
    </message>
</context>
<context>
    <name>CustomerApp</name>
    <message>
        <location filename="../../client/app.py" line="234" />
        <source>Fernhilfe: %1 (%2) sees this screen</source>
        <translation>Fernhilfe: %1 (%2) sieht diesen Bildschirm</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="296" />
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/app.py" line="300" />
        <source>Session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../client/__main__.py" line="57" />
        <source>Fernhilfe is not set up correctly: %1</source>
        <translation>Fernhilfe ist nicht richtig eingerichtet: %1</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../client/ui/notice_text.py" line="13" />
        <source>This session number is not valid. Please check it with your support contact.</source>
        <translation>Diese Sitzungsnummer ist ungültig. Bitte prüfen Sie sie mit Ihrem Ansprechpartner.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="17" />
        <source>Too many wrong numbers were tried. Please wait %1 seconds and try again.</source>
        <translation>Es wurden zu viele falsche Nummern versucht. Bitte warten Sie %1 Sekunden und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="21" />
        <source>The support server cannot be reached. Please check your internet connection.</source>
        <translation>Der Support-Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="25" />
        <source>The support server could not prove its identity, so no connection was made. Please tell your support contact.</source>
        <translation>Der Support-Server konnte seine Identität nicht nachweisen, deshalb wurde keine Verbindung aufgebaut. Bitte sagen Sie Ihrem Ansprechpartner Bescheid.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="31" />
        <source>This version of Fernhilfe is too old or too new for the support server.</source>
        <translation>Diese Fernhilfe-Version passt nicht zum Support-Server.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="35" />
        <source>The support server sent something unexpected. The session was ended for your safety.</source>
        <translation>Der Support-Server hat etwas Unerwartetes gesendet. Die Sitzung wurde zu Ihrer Sicherheit beendet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="39" />
        <source>The connection to the support server was lost. Nothing is shared any more.</source>
        <translation>Die Verbindung zum Support-Server ist abgebrochen. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="43" />
        <source>You denied access. Nothing was shared.</source>
        <translation>Sie haben den Zugriff abgelehnt. Es wurde nichts geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="45" />
        <source>You ended the session.</source>
        <translation>Sie haben die Sitzung beendet.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="47" />
        <source>%1 ended the session. Nothing is shared any more.</source>
        <translation>%1 hat die Sitzung beendet. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="49" />
        <source>Your support contact</source>
        <translation>Ihr Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="51" />
        <source>The support server ended the session. Nothing is shared any more.</source>
        <translation>Der Support-Server hat die Sitzung beendet. Es wird nichts mehr geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="55" />
        <source>The sharing notice could not be shown, so your screen was not shared.</source>
        <translation>Der Hinweis auf die Freigabe konnte nicht angezeigt werden, deshalb wurde Ihr Bildschirm nicht geteilt.</translation>
    </message>
    <message>
        <location filename="../../client/ui/notice_text.py" line="58" />
        <source>Your screen could not be captured any more, so the session was ended.</source>
        <translation>Ihr Bildschirm konnte nicht mehr aufgenommen werden, deshalb wurde die Sitzung beendet.</translation>
    </message>
</context>
<context>
    <name>SessionNumberDialog</name>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="33" />
        <source>Fernhilfe remote support</source>
        <translation>Fernhilfe Fernwartung</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="34" />
        <source>Enter session number</source>
        <translation>Sitzungsnummer eingeben</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="39" />
        <source>Your support contact at %1 will read you a session number. Type it here to start remote support. Nothing is shared until you allow it.</source>
        <translation>Ihr Ansprechpartner bei %1 nennt Ihnen eine Sitzungsnummer. Geben Sie sie hier ein, um die Fernwartung zu starten. Es wird nichts geteilt, bevor Sie es erlauben.</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="45" />
        <source>&amp;Session number:</source>
        <translation>&amp;Sitzungsnummer:</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="47" />
        <source>Session number</source>
        <translation>Sitzungsnummer</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="60" />
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="66" />
        <source>Connecting</source>
        <translation>Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="70" />
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="71" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../client/ui/number_dialog.py" line="74" />
        <location filename="../../client/ui/number_dialog.py" line="75" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
</TS>