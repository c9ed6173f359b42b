<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <location filename="../../ui/settings/audit_screen.py" line="+143"/>
        <source>{count} changes{more}</source>
        <translation>
            <numerusform>{count} change{more}</numerusform>
            <numerusform>{count} changes{more}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>The ledger check found {count} problems: {first}</source>
        <translation>
            <numerusform>The ledger check found {count} problem: {first}</numerusform>
            <numerusform>The ledger check found {count} problems: {first}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>Exported {count} rows to {path}</source>
        <translation>
            <numerusform>Exported {count} row to {path}</numerusform>
            <numerusform>Exported {count} rows to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignsTab</name>
    <message numerus="yes">
        <location filename="../../ui/retention/campaigns.py" line="+129"/>
        <source>{buyers} of {targeted} targeted members bought during {name}.</source>
        <translation>
            <numerusform>{buyers} of {targeted} targeted members bought during {name}.</numerusform>
            <numerusform>{buyers} of {targeted} targeted members bought during {name}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message numerus="yes">
        <location filename="../../ui/retention/complaints.py" line="+119"/>
        <source>latest {count} complaints</source>
        <translation>
            <numerusform>latest {count} complaint</numerusform>
            <numerusform>latest {count} complaints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} complaints</source>
        <translation>
            <numerusform>{count} complaint</numerusform>
            <numerusform>{count} complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message numerus="yes">
        <location filename="../../ui/counter/screen.py" line="+152"/>
        <source>{name} · {points} points</source>
        <translation>
            <numerusform>{name} · {points} point</numerusform>
            <numerusform>{name} · {points} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+118"/>
        <source>Undone: {points} points · balance {balance}</source>
        <translation>
            <numerusform>Undone: {points} point · balance {balance}</numerusform>
            <numerusform>Undone: {points} points · balance {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message numerus="yes">
        <location filename="../../ui/settings/first_run.py" line="+389"/>
        <source>A {sale} sale earns {points} points; at {tier} it earns {top}.</source>
        <translation>
            <numerusform>A {sale} sale earns {points} point; at {tier} it earns {top}.</numerusform>
            <numerusform>A {sale} sale earns {points} points; at {tier} it earns {top}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{per_unit} points are worth {worth}.</source>
        <translation>
            <numerusform>{per_unit} point is worth {worth}.</numerusform>
            <numerusform>{per_unit} points are worth {worth}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/members/import_dialog.py" line="+164"/>
        <source>{count} rows are good</source>
        <translation>
            <numerusform>{count} row is good</numerusform>
            <numerusform>{count} rows are good</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{count} have problems</source>
        <translation>
            <numerusform>{count} has problems</numerusform>
            <numerusform>{count} have problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{count} may be duplicates</source>
        <translation>
            <numerusform>{count} may be a duplicate</numerusform>
            <numerusform>{count} may be duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Imported: {count} new members</source>
        <translation>
            <numerusform>Imported: {count} new member</numerusform>
            <numerusform>Imported: {count} new members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{besides} merged into members on file</source>
        <translation>
            <numerusform>{besides} merged into a member on file</numerusform>
            <numerusform>{besides} merged into members on file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Imported: {count} sales</source>
        <translation>
            <numerusform>Imported: {count} sale</numerusform>
            <numerusform>Imported: {count} sales</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{besides} already recorded</source>
        <translation>
            <numerusform>{besides} already recorded</numerusform>
            <numerusform>{besides} already recorded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/shell/main_window.py" line="+202"/>
        <source>The counter locked itself after {minutes} minutes without use. Sign in to carry on.</source>
        <translation>
            <numerusform>The counter locked itself after {minutes} minute without use. Sign in to carry on.</numerusform>
            <numerusform>The counter locked itself after {minutes} minutes without use. Sign in to carry on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>Demo data loaded: {count} members.</source>
        <translation>
            <numerusform>Demo data loaded: {count} member.</numerusform>
            <numerusform>Demo data loaded: {count} members.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemberDetailDialog</name>
    <message numerus="yes">
        <location filename="../../ui/members/member_detail.py" line="+136"/>
        <source>last purchase {count} days ago</source>
        <translation>
            <numerusform>last purchase {count} day ago</numerusform>
            <numerusform>last purchase {count} days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} purchases</source>
        <translation>
            <numerusform>{count} purchase</numerusform>
            <numerusform>{count} purchases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>{count} visits since {first}</source>
        <translation>
            <numerusform>{count} visit since {first}</numerusform>
            <numerusform>{count} visits since {first}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>{count} days ago</source>
        <translation>
            <numerusform>{count} day ago</numerusform>
            <numerusform>{count} days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>usually every {count} days</source>
        <translation>
            <numerusform>usually every {count} day</numerusform>
            <numerusform>usually every {count} days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message numerus="yes">
        <location filename="../../ui/counter/member_panel.py" line="+78"/>
        <source>{points} points</source>
        <translation>
            <numerusform>{points} point</numerusform>
            <numerusform>{points} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>{points} points expire on {day}</source>
        <translation>
            <numerusform>{points} point expires on {day}</numerusform>
            <numerusform>{points} points expire on {day}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>{count} visits</source>
        <translation>
            <numerusform>{count} visit</numerusform>
            <numerusform>{count} visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>usually every {count} days</source>
        <translation>
            <numerusform>usually every {count} day</numerusform>
            <numerusform>usually every {count} days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MembersScreen</name>
    <message numerus="yes">
        <location filename="../../ui/members/screen.py" line="+152"/>
        <source>{n} members</source>
        <translation>
            <numerusform>{n} member</numerusform>
            <numerusform>{n} members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>first {found} of {total} members</source>
        <translation>
            <numerusform>first {found} of {total} member</numerusform>
            <numerusform>first {found} of {total} members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{found} of {total} members</source>
        <translation>
            <numerusform>{found} of {total} member</numerusform>
            <numerusform>{found} of {total} members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <location filename="../../ui/printing/service.py" line="+82"/>
        <source>{pages} pages</source>
        <translation>
            <numerusform>{pages} page</numerusform>
            <numerusform>{pages} pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Sent {pages} pages to {printer}</source>
        <translation>
            <numerusform>Sent {pages} page to {printer}</numerusform>
            <numerusform>Sent {pages} pages to {printer}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message numerus="yes">
        <location line="+89"/>
        <source>Drawing {n} cards…</source>
        <translation>
            <numerusform>Drawing {n} card…</numerusform>
            <numerusform>Drawing {n} cards…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>{n} member cards</source>
        <translation>
            <numerusform>{n} member card</numerusform>
            <numerusform>{n} member cards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RedeemPanel</name>
    <message numerus="yes">
        <location filename="../../ui/counter/actions.py" line="+193"/>
        <source>{n} left</source>
        <translation>
            <numerusform>{n} left</numerusform>
            <numerusform>{n} left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{reward} — {points} points</source>
        <translation>
            <numerusform>{reward} — {points} point</numerusform>
            <numerusform>{reward} — {points} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Balance {points} points</source>
        <translation>
            <numerusform>Balance {points} point</numerusform>
            <numerusform>Balance {points} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Only {balance} points available</source>
        <translation>
            <numerusform>Only {balance} point available</numerusform>
            <numerusform>Only {balance} points available</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{points} points = {value} off</source>
        <translation>
            <numerusform>{points} point = {value} off</numerusform>
            <numerusform>{points} points = {value} off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>{points} points redeemed: {value} off · balance {balance}</source>
        <translation>
            <numerusform>{points} point redeemed: {value} off · balance {balance}</numerusform>
            <numerusform>{points} points redeemed: {value} off · balance {balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>{reward} given for {points} points · balance {balance}</source>
        <translation>
            <numerusform>{reward} given for {points} point · balance {balance}</numerusform>
            <numerusform>{reward} given for {points} points · balance {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message numerus="yes">
        <location filename="../../ui/retention/referrals.py" line="+98"/>
        <source>{count} came recommended</source>
        <translation>
            <numerusform>{count} came recommended</numerusform>
            <numerusform>{count} came recommended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{count} of them have bought</source>
        <translation>
            <numerusform>{count} of them has bought</numerusform>
            <numerusform>{count} of them have bought</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefundPanel</name>
    <message numerus="yes">
        <location filename="../../ui/counter/actions.py" line="+71"/>
        <source>Refunding {amount} takes back {points} points</source>
        <translation>
            <numerusform>Refunding {amount} takes back {points} point</numerusform>
            <numerusform>Refunding {amount} takes back {points} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Refund of {amount} on receipt {ref}: {points} points · balance {balance}</source>
        <translation>
            <numerusform>Refund of {amount} on receipt {ref}: {points} point · balance {balance}</numerusform>
            <numerusform>Refund of {amount} on receipt {ref}: {points} points · balance {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionScreen</name>
    <message numerus="yes">
        <location filename="../../ui/retention/screen.py" line="+167"/>
        <source>{count} members</source>
        <translation>
            <numerusform>{count} member</numerusform>
            <numerusform>{count} members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{count} members in the segment</source>
        <translation>
            <numerusform>{count} member in the segment</numerusform>
            <numerusform>{count} members in the segment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>{written} of {count} members agreed to be contacted: written to {path}</source>
        <translation>
            <numerusform>{written} of {count} members agreed to be contacted: written to {path}</numerusform>
            <numerusform>{written} of {count} members agreed to be contacted: written to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>{added} follow-ups added.</source>
        <translation>
            <numerusform>{added} follow-up added.</numerusform>
            <numerusform>{added} follow-ups added.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SalePanel</name>
    <message numerus="yes">
        <location filename="../../ui/counter/actions.py" line="-219"/>
        <source>Earns {total} points ({parts})</source>
        <translation>
            <numerusform>Earns {total} point ({parts})</numerusform>
            <numerusform>Earns {total} points ({parts})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>{points} points for {amount} · balance {balance}</source>
        <translation>
            <numerusform>{points} point for {amount} · balance {balance}</numerusform>
            <numerusform>{points} points for {amount} · balance {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message numerus="yes">
        <location filename="../../ui/settings/screen.py" line="+340"/>
        <source>A {amount} sale earns {points} points</source>
        <translation>
            <numerusform>A {amount} sale earns {points} point</numerusform>
            <numerusform>A {amount} sale earns {points} points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message numerus="yes">
        <location filename="../../ui/counter/survey_dialog.py" line="+55"/>
        <source>Answering earns {points} points.</source>
        <translation>
            <numerusform>Answering earns {points} point.</numerusform>
            <numerusform>Answering earns {points} points.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SurveyTab</name>
    <message numerus="yes">
        <location filename="../../ui/retention/survey.py" line="+210"/>
        <source>{count} survey questions saved: the counter asks them from now on.</source>
        <translation>
            <numerusform>{count} survey question saved: the counter asks it from now on.</numerusform>
            <numerusform>{count} survey questions saved: the counter asks them from now on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>{month}: {responses} responses · NPS {nps}</source>
        <translation>
            <numerusform>{month}: {responses} response · NPS {nps}</numerusform>
            <numerusform>{month}: {responses} responses · NPS {nps}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>{count} wrote a comment</source>
        <translation>
            <numerusform>{count} wrote a comment</numerusform>
            <numerusform>{count} wrote a comment</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/shell/sync_details.py" line="+57"/>
        <source>Hub: taking in history · {percent} % · about %n min left</source>
        <translation>
            <numerusform>Hub: taking in history · {percent} % · about %n min left</numerusform>
            <numerusform>Hub: taking in history · {percent} % · about %n min left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <source>%n entries of this till</source>
        <translation>
            <numerusform>%n entry of this till</numerusform>
            <numerusform>%n entries of this till</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>at most %n entries of other tills</source>
        <translation>
            <numerusform>at most %n entry of other tills</numerusform>
            <numerusform>at most %n entries of other tills</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n entries: the hub already had other facts under their numbers; the owner sees them with loyalty hub status</source>
        <translation>
            <numerusform>%n entry: the hub already had another fact under its number; the owner sees it with loyalty hub status</numerusform>
            <numerusform>%n entries: the hub already had other facts under their numbers; the owner sees them with loyalty hub status</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message numerus="yes">
        <location filename="../../ui/shell/recovery.py" line="+81"/>
        <source>{problem}

The newest good backup of {shop} is from {when} ({members} members). Put it in place of the damaged database? The damaged file is kept beside it, renamed, not deleted.</source>
        <translation>
            <numerusform>{problem}

The newest good backup of {shop} is from {when} ({members} member). Put it in place of the damaged database? The damaged file is kept beside it, renamed, not deleted.</numerusform>
            <numerusform>{problem}

The newest good backup of {shop} is from {when} ({members} members). Put it in place of the damaged database? The damaged file is kept beside it, renamed, not deleted.</numerusform>
        </translation>
    </message>
</context>
</TS>
