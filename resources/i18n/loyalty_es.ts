<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/shell/about_dialog.py" line="+34"/>
        <source>About Loyalty counter</source>
        <translation>Acerca de Fidelización en caja</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loyalty counter</source>
        <translation>Fidelización en caja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version {version}</source>
        <translation>Versión {version}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loyalty points for the shop&apos;s counter. Works without the internet; all data stays on this computer.</source>
        <translation>Puntos de fidelidad para la caja de la tienda. Funciona sin internet; todos los datos se quedan en este equipo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log file:</source>
        <translation>Archivo de registro:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If something goes wrong, send the log file to support.</source>
        <translation>Si algo falla, envíe el archivo de registro al servicio técnico.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the log folder</source>
        <translation>Abrir la carpeta del registro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy both paths</source>
        <translation>Copiar las dos rutas</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="+95"/>
        <source>Approval needed</source>
        <translation>Se necesita autorización</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{refusal}

A manager or owner can approve it now with their PIN.</source>
        <translation>{refusal}

Un encargado o el propietario puede autorizarlo con su PIN.</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/settings/audit_screen.py" line="+50"/>
        <location line="+21"/>
        <location line="+10"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+20"/>
        <location line="+9"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Members</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings and tiers</source>
        <translation>Configuración y niveles</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tiers</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards</source>
        <translation>Premios</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign-ins</source>
        <translation>Inicios de sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals</source>
        <translation>Autorizaciones</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+21"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+21"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the ledger</source>
        <translation>Comprobar los movimientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recount every balance and total and check that no entry was changed, removed or reordered outside the app</source>
        <translation>Vuelve a calcular cada saldo y total y comprueba que ningún movimiento se haya cambiado, borrado o reordenado fuera de la aplicación</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approved by</source>
        <translation>Autorizado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit trail</source>
        <translation>Registro de cambios</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> (the newest {limit}: narrow the filters)</source>
        <translation> (los {limit} más recientes: acote los filtros)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} changes{more}</source>
        <translation>
            <numerusform>{count} cambio{more}</numerusform>
            <numerusform>{count} cambios{more}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking the ledger… (minutes on a large shop)</source>
        <translation>Comprobando los movimientos… (unos minutos en una tienda grande)</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>The ledger check found {count} problems: {first}</source>
        <translation>
            <numerusform>La comprobación de los movimientos encontró {count} problema: {first}</numerusform>
            <numerusform>La comprobación de los movimientos encontró {count} problemas: {first}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ledger checked: every balance, total and seal is right.</source>
        <translation>Movimientos comprobados: todos los saldos, totales y sellos son correctos.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export the audit trail</source>
        <translation>Exportar el registro de cambios</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>audit.csv</source>
        <translation>auditoria.csv</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not write {path}: {error}</source>
        <translation>No se pudo escribir {path}: {error}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Exported {count} rows to {path}</source>
        <translation>
            <numerusform>Se exportó {count} fila a {path}</numerusform>
            <numerusform>Se exportaron {count} filas a {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <location filename="../../ui/settings/audit_words.py" line="+27"/>
        <source>Member enrolled</source>
        <translation>Alta de socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s details changed</source>
        <translation>Datos del socio cambiados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card re-issued</source>
        <translation>Tarjeta sustituida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card blocked</source>
        <translation>Tarjeta bloqueada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card unblocked</source>
        <translation>Tarjeta desbloqueada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s data handed over</source>
        <translation>Datos del socio entregados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s personal data erased</source>
        <translation>Datos personales del socio borrados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting changed</source>
        <translation>Configuración cambiada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier changed</source>
        <translation>Nivel cambiado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff account added</source>
        <translation>Cuenta de personal añadida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff role changed</source>
        <translation>Función cambiada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff account reactivated</source>
        <translation>Cuenta de personal reactivada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff account deactivated</source>
        <translation>Cuenta de personal desactivada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN or password changed</source>
        <translation>PIN o contraseña cambiados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff member&apos;s own card set</source>
        <translation>Tarjeta propia del empleado asignada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in with a name not on the staff</source>
        <translation>Inicio de sesión con un nombre que no es del personal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in with a wrong PIN or password</source>
        <translation>Inicio de sesión con PIN o contraseña incorrectos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account locked after wrong PINs</source>
        <translation>Cuenta bloqueada tras PIN incorrectos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign added</source>
        <translation>Campaña añadida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign changed</source>
        <translation>Campaña cambiada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign reactivated</source>
        <translation>Campaña reactivada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign deactivated</source>
        <translation>Campaña desactivada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward added</source>
        <translation>Premio añadido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward changed</source>
        <translation>Premio cambiado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward reactivated</source>
        <translation>Premio reactivado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward deactivated</source>
        <translation>Premio desactivado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two members merged</source>
        <translation>Dos socios unidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This till joined the chain&apos;s hub</source>
        <translation>Esta caja se unió al concentrador de la cadena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Till added to the chain</source>
        <translation>Caja añadida a la cadena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Till revoked</source>
        <translation>Caja dada de baja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store renamed</source>
        <translation>Tienda renombrada</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Approved on the spot: {kind}</source>
        <translation>Autorizado en el momento: {kind}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>every day</source>
        <translation>todos los días</translation>
    </message>
</context>
<context>
    <name>BackupsPanel</name>
    <message>
        <location filename="../../ui/settings/backups_panel.py" line="+53"/>
        <source>Backups taken</source>
        <translation>Copias de seguridad hechas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now</source>
        <translation>Hacer una copia ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the chosen backup…</source>
        <translation>Restaurar la copia elegida…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taken</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Members</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last entry</source>
        <translation>Último movimiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shop</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Folder: {folder} (backups of {shop} only)</source>
        <translation>Carpeta: {folder} (solo las copias de {shop})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>on demand</source>
        <translation>a petición</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>daily</source>
        <translation>diaria</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on closing</source>
        <translation>al cerrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before a restore</source>
        <translation>antes de restaurar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ok</source>
        <translation>correcta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DAMAGED</source>
        <translation>DAÑADA</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Backup to restore</source>
        <translation>Copia que restaurar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace all the shop&apos;s data with the backup {name}? The data as it is now is backed up first.</source>
        <translation>¿Sustituir todos los datos de la tienda por la copia {name}? Antes se hace una copia de los datos tal como están ahora.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an unknown shop</source>
        <translation>una tienda desconocida</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore another shop&apos;s backup</source>
        <translation>Restaurar la copia de otra tienda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup {name} is not of this shop, {ours}: it is of {theirs}. Restoring it replaces all the data of {ours} with that of {theirs}, and from then on this computer works as {theirs}. The data as it is now is backed up first. Restore the backup of {theirs}?</source>
        <translation>La copia {name} no es de esta tienda, {ours}: es de {theirs}. Restaurarla reemplaza todos los datos de {ours} por los de {theirs}, y desde entonces este equipo funciona como {theirs}. Antes se hace una copia de los datos tal como están ahora. ¿Restaurar la copia de {theirs}?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Backing up…</source>
        <translation>Haciendo la copia…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restoring…</source>
        <translation>Restaurando…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backup saved and checked: {path}</source>
        <translation>Copia guardada y comprobada: {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup restored. The data as it was before is in {path}</source>
        <translation>Copia restaurada. Los datos tal como estaban antes están en {path}</translation>
    </message>
</context>
<context>
    <name>CampaignsTab</name>
    <message>
        <location filename="../../ui/retention/campaigns.py" line="+29"/>
        <location line="+34"/>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Everyone it could reach</source>
        <translation>Todos a los que podía llegar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show results</source>
        <translation>Mostrar resultados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Members targeted</source>
        <translation>Socios destinatarios</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bought during it</source>
        <translation>Compraron en la campaña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversion rate</source>
        <translation>Tasa de conversión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visits: during / before</source>
        <translation>Visitas: durante / antes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra visits</source>
        <translation>Visitas adicionales</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bonus points given</source>
        <translation>Puntos extra dados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost of the bonus points</source>
        <translation>Coste de los puntos extra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost per converted member</source>
        <translation>Coste por socio convertido</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Targeted: active members with marketing consent who joined before the campaign started (with a segment: only those in it today). Extra visits: their sales during the campaign minus those in the same number of days just before. Cost: the value of the campaign&apos;s extra points.</source>
        <translation>Destinatarios: socios activos que aceptan publicidad y se dieron de alta antes de empezar la campaña (con un segmento: solo los que están hoy en él). Visitas adicionales: sus compras durante la campaña menos las del mismo número de días justo antes. Coste: el valor de los puntos extra de la campaña.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a segment</source>
        <translation>Solo un segmento</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} ({first} – {last})</source>
        <translation>{name} ({first} – {last})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No campaigns yet: add one on Rewards &amp; campaigns (Ctrl+3).</source>
        <translation>Aún no hay campañas: añada una en Premios y campañas (Ctrl+3).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Counting the campaign&apos;s members and visits…</source>
        <translation>Contando los socios y las visitas de la campaña…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name}, {first} – {last}</source>
        <translation>{name}, {first} – {last}</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>{buyers} of {targeted} targeted members bought during {name}.</source>
        <translation>
            <numerusform>{buyers} de {targeted} socios destinatarios compró durante {name}.</numerusform>
            <numerusform>{buyers} de {targeted} socios destinatarios compraron durante {name}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../../ui/catalog/screen.py" line="+24"/>
        <source>Choose a row to edit it, or fill the form and press Add.</source>
        <translation>Elija una fila para modificarla, o rellene el formulario y pulse Añadir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward</source>
        <translation>Premio</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+15"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Stock</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+6"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Rewards</source>
        <translation>Premios</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty = unlimited</source>
        <translation>vacío = sin límite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <source>Multiplier</source>
        <translation>Multiplicador</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+15"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+11"/>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>e.g. tue,thu — empty = every day</source>
        <translation>p. ej., mar,jue — vacío = todos los días</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rewards catalog</source>
        <translation>Catálogo de premios</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weekdays</source>
        <translation>Días de la semana</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activate / deactivate</source>
        <translation>Activar / desactivar</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>every day</source>
        <translation>todos los días</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Choose the row to change first.</source>
        <translation>Primero elija la fila que quiere cambiar.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved: {name}</source>
        <translation>Guardado: {name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added: {name}</source>
        <translation>Añadido: {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the row first.</source>
        <translation>Primero elija la fila.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is active again</source>
        <translation>{name} vuelve a estar activo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is deactivated</source>
        <translation>{name} está desactivado</translation>
    </message>
</context>
<context>
    <name>ComplaintCategory</name>
    <message>
        <location filename="../../ui/widgets/notes.py" line="+25"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service</source>
        <translation>Atención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>Espera</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../ui/counter/complaint_dialog.py" line="+22"/>
        <source>Complaint — {name}</source>
        <translation>Queja — {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+16"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What happened, in the member&apos;s words</source>
        <translation>Qué pasó, con las palabras del socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complaint to resolve</source>
        <translation>Queja que resolver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What we did about it</source>
        <translation>Qué hicimos al respecto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Resolution</source>
        <translation>Solución</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Compensation points</source>
        <translation>Puntos de compensación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take down the complaint</source>
        <translation>Anotar la queja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open complaint</source>
        <translation>Queja abierta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compensation (points)</source>
        <translation>Compensación (puntos)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Complaint {id} taken down. Resolve it now or later.</source>
        <translation>Queja {id} anotada. Puede resolverla ahora o más tarde.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Resolved. We will ask in two days whether they are satisfied.</source>
        <translation>Resuelta. Dentro de dos días le preguntaremos si ha quedado satisfecho.</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <location filename="../../ui/retention/complaints.py" line="+29"/>
        <location line="+12"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>All complaints</source>
        <translation>Todas las quejas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved, satisfaction not yet asked</source>
        <translation>Resueltas, sin preguntar aún la satisfacción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Resueltas</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Every category</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened</source>
        <translation>Abierta el</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Socio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Resolution</source>
        <translation>Solución</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+14"/>
        <source>Satisfied</source>
        <translation>Satisfecho</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Complaints</source>
        <translation>Quejas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What we did about it</source>
        <translation>Qué hicimos al respecto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points (optional)</source>
        <translation>Puntos (opcional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compensation points</source>
        <translation>Puntos de compensación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the member said</source>
        <translation>Lo que dijo el socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction note</source>
        <translation>Nota sobre la satisfacción</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not satisfied</source>
        <translation>No satisfecho</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolve:</source>
        <translation>Resolver:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Asked afterwards:</source>
        <translation>Preguntado después:</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>resolved</source>
        <translation>resuelta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Card {card}</source>
        <translation>Tarjeta {card}</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>latest {count} complaints</source>
        <translation>
            <numerusform>última {count} queja</numerusform>
            <numerusform>últimas {count} quejas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} complaints</source>
        <translation>
            <numerusform>{count} queja</numerusform>
            <numerusform>{count} quejas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+19"/>
        <source>Choose a complaint in the list first.</source>
        <translation>Primero elija una queja de la lista.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Complaint {id} of {name} resolved; a follow-up asks in two days whether they are satisfied.</source>
        <translation>Queja {id} de {name} resuelta; un seguimiento preguntará dentro de dos días si ha quedado satisfecho.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} is satisfied: noted.</source>
        <translation>{name} ha quedado satisfecho: anotado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is not satisfied: noted.</source>
        <translation>{name} no ha quedado satisfecho: anotado.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <location filename="../../ui/counter/screen.py" line="+51"/>
        <source>Scan a card or search: name, phone, card (F2)</source>
        <translation>Tarjeta, nombre o teléfono (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find member</source>
        <translation>Buscar socio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New member (F8)</source>
        <translation>Nuevo socio (F8)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New member</source>
        <translation>Nuevo socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>Deshacer (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo last transaction</source>
        <translation>Deshacer la última operación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slip (F9)</source>
        <translation>Comprobante (F9)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the slip of the last transaction</source>
        <translation>Imprimir el comprobante de la última operación</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sale (F3)</source>
        <translation>Compra (F3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeem (F4)</source>
        <translation>Canjear (F4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund (F6)</source>
        <translation>Devolución (F6)</translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>{name} · {points} points</source>
        <translation>
            <numerusform>{name} · {points} punto</numerusform>
            <numerusform>{name} · {points} puntos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>birthday today!</source>
        <translation>¡hoy es su cumpleaños!</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No member found. F8 enrols a new one.</source>
        <translation>No se encontró ningún socio. F8 da de alta uno nuevo.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Nothing to undo.</source>
        <translation>No hay nada que deshacer.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Already undone: nothing changed · balance {balance}</source>
        <translation>Ya estaba deshecho: no se ha cambiado nada · saldo {balance}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Undone: {points} points · balance {balance}</source>
        <translation>
            <numerusform>Deshecho: {points} punto · saldo {balance}</numerusform>
            <numerusform>Deshecho: {points} puntos · saldo {balance}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No transaction to print yet.</source>
        <translation>Todavía no hay ninguna operación que imprimir.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scan the member&apos;s card first (F7 takes a complaint).</source>
        <translation>Primero escanee la tarjeta del socio (F7 anota una queja).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scan the member&apos;s card first (F10 asks the survey).</source>
        <translation>Primero escanee la tarjeta del socio (F10 abre la encuesta).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The survey has no questions yet: the owner sets them on Retention (Ctrl+7) → Survey.</source>
        <translation>La encuesta aún no tiene preguntas: el propietario las define en Retención (Ctrl+7) → Encuesta.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Survey left: nothing recorded.</source>
        <translation>Encuesta abandonada: no se ha guardado nada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Survey saved · {points} survey bonus · balance {balance}</source>
        <translation>Encuesta guardada · {points} de bono por la encuesta · saldo {balance}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Survey saved · the survey bonus was already earned this month</source>
        <translation>Encuesta guardada · el bono por la encuesta ya se obtuvo este mes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Survey saved · thank you!</source>
        <translation>Encuesta guardada · ¡gracias!</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} enrolled · card {card}</source>
        <translation>{name} dado de alta · tarjeta {card}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/shell/crash_dialog.py" line="+27"/>
        <source>Loyalty counter: something went wrong</source>
        <translation>Fidelización en caja: algo ha fallado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The app ran into a problem it did not expect.</source>
        <translation>La aplicación encontró un problema inesperado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your data is safe: every sale, redemption and refund was saved at the moment the screen confirmed it. An operation that was not confirmed was not saved: after restarting, look at the member&apos;s history and do it again if it is missing.

What to do:
1. Close the app and open it again.
2. If this happens again, send this file to support (by e-mail, or on a USB stick):
{path}</source>
        <translation>Sus datos están a salvo: cada compra, canje y devolución se guardó en el momento en que la pantalla la confirmó. Una operación que no se confirmó no se guardó: tras reiniciar, revise el historial del socio y repítala si falta.

Qué hacer:
1. Cierre la aplicación y vuelva a abrirla.
2. Si vuelve a ocurrir, envíe este archivo al servicio técnico (por correo electrónico o en una memoria USB):
{path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close the app</source>
        <translation>Cerrar la aplicación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the log folder</source>
        <translation>Abrir la carpeta del registro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the file&apos;s path</source>
        <translation>Copiar la ruta del archivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep working</source>
        <translation>Seguir trabajando</translation>
    </message>
</context>
<context>
    <name>DatabaseGuard</name>
    <message>
        <location filename="../../ui/shell/database_guard.py" line="+67"/>
        <source>The app must restart</source>
        <translation>La aplicación debe reiniciarse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another part of this computer disturbed the app&apos;s hold on the shop&apos;s database ({problem}).

To keep every sale safe the app stopped saving and will now restart. Everything it said it saved before this message is safe; the last action, if it showed an error, was not saved: do it again after the restart.</source>
        <translation>Otra parte de este equipo alteró el control que la aplicación tiene sobre la base de datos de la tienda ({problem}).

Para proteger cada venta, la aplicación dejó de guardar y ahora se reiniciará. Todo lo que dijo haber guardado antes de este mensaje está a salvo; la última acción, si mostró un error, no se guardó: vuelva a hacerla después del reinicio.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../ui/members/duplicates_dialog.py" line="+29"/>
        <source>Possible duplicate members</source>
        <translation>Posibles socios duplicados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Joined</source>
        <translation>Alta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home store</source>
        <translation>Tienda de origen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keep this one</source>
        <translation>Conservar este</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merge…</source>
        <translation>Unir…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merges made</source>
        <translation>Uniones hechas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo the chosen merge…</source>
        <translation>Deshacer la unión elegida…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Merges made&lt;/b&gt; (newest first)</source>
        <translation>&lt;b&gt;Uniones hechas&lt;/b&gt; (la más reciente primero)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{absorbed} · {absorbed_card}  →  {kept} · {kept_card}  ({day})</source>
        <translation>{absorbed} · {absorbed_card}  →  {kept} · {kept_card}  ({day})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>same phone</source>
        <translation>mismo teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>same e-mail</source>
        <translation>mismo correo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose who to keep, then Merge: the other&apos;s points and card go to them.</source>
        <translation>Elija a quién conservar y pulse Unir: los puntos y la tarjeta del otro pasan a ese socio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No possible duplicates: no two members share a phone or an e-mail.</source>
        <translation>No hay posibles duplicados: ningún par de socios comparte teléfono ni correo.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Merge two members</source>
        <translation>Unir dos socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge {other} (card {other_card}) into {keep} (card {keep_card})?

{points} points move to {keep}; card {other_card} opens {keep}&apos;s record at every till from now on; both histories stay. A merge made by mistake can be undone below.</source>
        <translation>¿Unir a {other} (tarjeta {other_card}) con {keep} (tarjeta {keep_card})?

{points} puntos pasan a {keep}; desde ahora la tarjeta {other_card} abre la ficha de {keep} en todas las cajas; los dos historiales se conservan. Una unión hecha por error se puede deshacer abajo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo a merge</source>
        <translation>Deshacer una unión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part {absorbed} (card {absorbed_card}) from {kept} (card {kept_card})?

The points that moved come back to {absorbed} ({kept} may be left owing what was spent of them); card {absorbed_card} opens {absorbed}&apos;s own record again at every till. Both histories keep the merge and its undoing.</source>
        <translation>¿Separar a {absorbed} (tarjeta {absorbed_card}) de {kept} (tarjeta {kept_card})?

Los puntos que pasaron vuelven a {absorbed} ({kept} puede quedar debiendo lo que ya gastó de ellos); la tarjeta {absorbed_card} vuelve a abrir la ficha propia de {absorbed} en todas las cajas. Los dos historiales guardan la unión y su anulación.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{absorbed} is a member of their own again: {points} points came back ({absorbed} has {balance}; {kept} has {kept_balance}).</source>
        <translation>{absorbed} vuelve a ser socio por su cuenta: volvieron {points} puntos ({absorbed} tiene {balance}; {kept} tiene {kept_balance}).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{other} merged into {keep}: {points} points moved; {keep} now has {balance}.</source>
        <translation>{other} unido a {keep}: {points} puntos traspasados; {keep} tiene ahora {balance}.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../ui/counter/enrol_dialog.py" line="+24"/>
        <source>New member</source>
        <translation>Nuevo socio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First name and surnames</source>
        <translation>Nombre y apellidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 600 123 456</source>
        <translation>p. ej., 600 123 456</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name@example.com</source>
        <translation>nombre@ejemplo.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card of the member who recommended us</source>
        <translation>Tarjeta del socio que nos recomendó</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name *</source>
        <translation>Nombre *</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>Cumpleaños</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Referred by</source>
        <translation>Recomendado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agrees to receive offers and news (marketing)</source>
        <translation>Acepta recibir ofertas y novedades (publicidad)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agrees to offers tailored to their purchases (profiling)</source>
        <translation>Acepta ofertas según sus compras (perfiles)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print card</source>
        <translation>Imprimir tarjeta</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{name} enrolled · card {card}</source>
        <translation>{name} dado de alta · tarjeta {card}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
</context>
<context>
    <name>FirstDownloadDialog</name>
    <message>
        <location filename="../../ui/shell/first_download.py" line="+44"/>
        <source>Taking in the chain&apos;s members and history</source>
        <translation>Trayendo los socios y el historial de la cadena</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting to the hub…</source>
        <translation>Conectando con el concentrador…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This till can sell as soon as it is done. It can be stopped: the rest then comes in the background, more slowly, once the window is open.</source>
        <translation>Esta caja podrá vender en cuanto termine. Se puede detener: el resto llegará entonces en segundo plano, más despacio, una vez abierta la ventana.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Stopping at the next step…</source>
        <translation>Deteniéndose en el siguiente paso…</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Go on later</source>
        <translation>Seguir más tarde</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/settings/first_run.py" line="+65"/>
        <source>Set up the shop</source>
        <translation>Configurar la tienda</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Your shop</source>
        <translation>Su tienda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its name and logo go on member cards and slips. The language is that of the screens, cards, slips and reports.</source>
        <translation>Su nombre y su logotipo aparecen en las tarjetas de socio y en los comprobantes. El idioma es el de las pantallas, las tarjetas, los comprobantes y los informes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <source>Shop name</source>
        <translation>Nombre de la tienda</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Optional: a PNG or JPEG file</source>
        <translation>Opcional: un archivo PNG o JPEG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logo file</source>
        <translation>Archivo del logotipo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+144"/>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>This till joins a shop or chain already set up</source>
        <translation>Esta caja se une a una tienda o cadena ya configurada</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Join a shop or chain</source>
        <translation>Unirse a una tienda o cadena</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>A second till, or a new shop of a chain: with the join code the owner made for it, this till takes the shop&apos;s rules, staff and members from the hub.</source>
        <translation>Una segunda caja, o una tienda nueva de una cadena: con el código que el propietario creó para ella, esta caja toma del concentrador las reglas, el personal y los socios de la tienda.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>On the PC that keeps the shop&apos;s hub, the owner adds this till (loyalty hub add-counter STORE NAME) and gets a join code: type or paste it here, or scan its QR code. Finish joins and takes in the chain&apos;s members and history, saying how far; it can be stopped and goes on in the background.</source>
        <translation>En el PC que guarda el concentrador de la tienda, el propietario añade esta caja (loyalty hub add-counter TIENDA NOMBRE) y obtiene un código para unirse: escríbalo o péguelo aquí, o escanee su código QR. Finalizar une la caja y trae los socios y el historial de la cadena, indicando cuánto falta; se puede detener y sigue en segundo plano.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Join code</source>
        <translation>Código para unirse</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>lhj1.…</source>
        <translation>lhj1.…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Money and time</source>
        <translation>Moneda y hora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The currency of your sales and the time zone of the shop: a day&apos;s and a month&apos;s figures follow the shop&apos;s clock.</source>
        <translation>La moneda de sus ventas y la zona horaria de la tienda: las cifras de un día y de un mes siguen el reloj de la tienda.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>Decimals</source>
        <translation>Decimales</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Largest amount accepted</source>
        <translation>Importe máximo admitido</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Currency (ISO code)</source>
        <translation>Moneda (código ISO)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many points a sale earns, what points are worth when spent, and how long they last.</source>
        <translation>Cuántos puntos gana una compra, cuánto valen los puntos al canjearlos y cuánto duran.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Points per currency unit of sale</source>
        <translation>Puntos por cada unidad de moneda de compra</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Points worth one currency unit</source>
        <translation>Puntos que valen una unidad de moneda</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Months points last</source>
        <translation>Meses que duran los puntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never expire</source>
        <translation>no caducan nunca</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Months points last (after the month earned)</source>
        <translation>Meses que duran los puntos (tras el mes en que se ganan)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tiers</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members move up a tier when their spend over the last year reaches its threshold, and earn more points there. The defaults suit most shops.</source>
        <translation>Los socios suben de nivel cuando su gasto del último año alcanza el umbral, y en ese nivel ganan más puntos. Los valores predeterminados sirven a la mayoría de las tiendas.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spend to reach it</source>
        <translation>Gasto para alcanzarlo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points ×</source>
        <translation>Puntos ×</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name of tier {number}</source>
        <translation>Nombre del nivel {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spend to reach tier {number}</source>
        <translation>Gasto para alcanzar el nivel {number}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Points multiplier of tier {number}</source>
        <translation>Multiplicador de puntos del nivel {number}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The owner&apos;s account</source>
        <translation>La cuenta del propietario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The owner changes the settings, adds staff and sees the reports. Use a password of 8 or more characters, or a PIN of 4 to 8 digits.</source>
        <translation>El propietario cambia la configuración, da de alta al personal y ve los informes. Use una contraseña de 8 o más caracteres, o un PIN de 4 a 8 cifras.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Password or PIN</source>
        <translation>Contraseña o PIN</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Again</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish writes the setup. Everything can be changed later in Settings.</source>
        <translation>Finalizar guarda la configuración. Todo se puede cambiar más adelante en Configuración.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add demo data to try the app</source>
        <translation>Añadir datos de demostración para probar la aplicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo data</source>
        <translation>Datos de demostración</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forty members with six months of sales, three rewards and a campaign. Not for a real shop: they would mix with its own members.</source>
        <translation>Cuarenta socios con seis meses de compras, tres premios y una campaña. No para una tienda real: se mezclarían con sus propios socios.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Type the points per currency unit as a number, such as 1 or 0.5.</source>
        <translation>Escriba los puntos por unidad de moneda como un número, p. ej., 1 o 0,5.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>A {sale} sale earns {points} points; at {tier} it earns {top}.</source>
        <translation>
            <numerusform>Una compra de {sale} gana {points} punto; en {tier} gana {top}.</numerusform>
            <numerusform>Una compra de {sale} gana {points} puntos; en {tier} gana {top}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{per_unit} points are worth {worth}.</source>
        <translation>
            <numerusform>{per_unit} punto vale {worth}.</numerusform>
            <numerusform>{per_unit} puntos valen {worth}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>pin: the two entries differ</source>
        <translation>PIN: los dos valores no coinciden</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../ui/members/history_model.py" line="+19"/>
        <source>Sale</source>
        <translation>Compra</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redeemed</source>
        <translation>Canjeados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund / undo</source>
        <translation>Devolución / anulación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>Caducados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adjustment</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonus</source>
        <translation>Bono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Welcome bonus</source>
        <translation>Bono de bienvenida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday bonus</source>
        <translation>Bono de cumpleaños</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral bonus</source>
        <translation>Bono por recomendación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign bonus</source>
        <translation>Bono de campaña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compensation</source>
        <translation>Compensación</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>HubBackupsPanel</name>
    <message>
        <location filename="../../ui/settings/hub_backups_panel.py" line="+22"/>
        <location line="+9"/>
        <source>Backups of this PC&apos;s hub</source>
        <translation>Copias del concentrador de este PC</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Taken every day with the shop&apos;s, in the same folder. Restoring one puts the hub back as it was; each till then sends again what it lost.</source>
        <translation>Se hacen cada día con las de la tienda, en la misma carpeta. Restaurar una deja el concentrador como estaba; cada caja vuelve a enviar lo que le falte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up the hub now</source>
        <translation>Copiar el concentrador ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the chosen hub backup…</source>
        <translation>Restaurar la copia elegida del concentrador…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Taken</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>on demand</source>
        <translation>a petición</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>daily</source>
        <translation>diaria</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restore the hub</source>
        <translation>Restaurar el concentrador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put this PC&apos;s hub back as it was in {name}? What the tills sent since is sent again by each of them at its next round.</source>
        <translation>¿Dejar el concentrador de este PC como estaba en {name}? Lo que las cajas enviaron después lo vuelve a enviar cada una en su siguiente sincronización.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hub backup saved: {result}</source>
        <translation>Copia del concentrador guardada: {result}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a hub backup in the list first.</source>
        <translation>Primero elija una copia del concentrador en la lista.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The hub is back as it was in {result}; the tills send again what it lost.</source>
        <translation>El concentrador está como en {result}; las cajas vuelven a enviar lo que le falta.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/members/import_dialog.py" line="+58"/>
        <source>Import from a spreadsheet (CSV)</source>
        <translation>Importar desde una hoja de cálculo (CSV)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales history</source>
        <translation>Historial de compras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a .csv file</source>
        <translation>Elija un archivo .csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file</source>
        <translation>Comprobar el archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is imported until you have seen the check and pressed Import.</source>
        <translation>No se importa nada hasta que haya visto la comprobación y pulsado Importar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem or warning</source>
        <translation>Problema o aviso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import the good rows and leave out the bad ones</source>
        <translation>Importar las filas correctas y dejar fuera las erróneas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out possible duplicates</source>
        <translation>Dejar fuera los posibles duplicados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge rows that match a member on file into that member (fills in missing details, adds the opening points)</source>
        <translation>Unir las filas que coinciden con un socio ya registrado a ese socio (completa los datos que faltan y suma los puntos iniciales)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Award points for the imported sales</source>
        <translation>Dar puntos por las compras importadas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>CSV file</source>
        <translation>Archivo CSV</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a file first.</source>
        <translation>Primero elija un archivo.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%v of %m rows</source>
        <translation>%v de %m filas</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(possible duplicate)</source>
        <translation>(posible duplicado)</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{count} rows are good</source>
        <translation>
            <numerusform>{count} fila es correcta</numerusform>
            <numerusform>{count} filas son correctas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{count} have problems</source>
        <translation>
            <numerusform>{count} tiene problemas</numerusform>
            <numerusform>{count} tienen problemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{count} may be duplicates</source>
        <translation>
            <numerusform>{count} puede estar duplicada</numerusform>
            <numerusform>{count} pueden estar duplicadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Imported: {count} new members</source>
        <translation>
            <numerusform>Importado: {count} socio nuevo</numerusform>
            <numerusform>Importados: {count} socios nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{besides} merged into members on file</source>
        <translation>
            <numerusform>{besides} unido a un socio ya registrado</numerusform>
            <numerusform>{besides} unidos a socios ya registrados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Imported: {count} sales</source>
        <translation>
            <numerusform>Importada: {count} compra</numerusform>
            <numerusform>Importadas: {count} compras</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{besides} already recorded</source>
        <translation>
            <numerusform>{besides} ya estaba registrada</numerusform>
            <numerusform>{besides} ya estaban registradas</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Fix the file, or tick the box to import the good rows only.</source>
        <translation>Corrija el archivo, o marque la casilla para importar solo las filas correctas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Import to add them.</source>
        <translation>Pulse Importar para añadirlas.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing was imported. {problem}</source>
        <translation>No se importó nada. {problem}</translation>
    </message>
</context>
<context>
    <name>JoinCodeDialog</name>
    <message>
        <location filename="../../ui/settings/hub_dialogs.py" line="+60"/>
        <source>Join code for {name}</source>
        <translation>Código para unir {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the new till&apos;s first start, tick &apos;This till joins a shop or chain&apos; and scan this code (or paste the text). It works once, until {when}.</source>
        <translation>En el primer arranque de la caja nueva, marque «Esta caja se une a una tienda o cadena» y escanee este código (o pegue el texto). Sirve una vez, hasta el {when}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Join code</source>
        <translation>Código para unirse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the code</source>
        <translation>Copiar el código</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/main_window.py" line="+55"/>
        <source>Loyalty counter</source>
        <translation>Fidelización en caja</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Switch staff (F12)</source>
        <translation>Cambiar de usuario (F12)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+126"/>
        <source>Switch staff</source>
        <translation>Cambiar de usuario</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Hub</source>
        <translation>Concentrador</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Load demo data</source>
        <translation>Cargar datos de demostración</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About (F1)</source>
        <translation>Acerca de (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About this app</source>
        <translation>Acerca de esta aplicación</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Screens</source>
        <translation>Pantallas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Counter</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards &amp; campaigns</source>
        <translation>Premios y
campañas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit trail</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retention</source>
        <translation>Retención</translation>
    </message>
    <message>
        <location line="+201"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Members not reached yet show only what they hold at this till until their history arrives.</source>
        <translation>Los socios que aún no han llegado muestran solo lo que tienen en esta caja hasta que llegue su historial.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync: {when}</source>
        <translation>Última sincronización: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/audit_words.py" line="-73"/>
        <location filename="../../ui/shell/main_window.py" line="-149"/>
        <source>cashier</source>
        <translation>cajero/a</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/shell/main_window.py" line="+0"/>
        <source>manager</source>
        <translation>encargado/a</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/shell/main_window.py" line="+0"/>
        <source>owner</source>
        <translation>propietario/a</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="-14"/>
        <source>Staff: {name} ({role})</source>
        <translation>Usuario: {name} ({role})</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Locked</source>
        <translation>Bloqueada</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The counter locked itself after {minutes} minutes without use. Sign in to carry on.</source>
        <translation>
            <numerusform>La caja se bloqueó sola tras {minutes} minuto sin uso. Inicie sesión para continuar.</numerusform>
            <numerusform>La caja se bloqueó sola tras {minutes} minutos sin uso. Inicie sesión para continuar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} is at the counter ({role})</source>
        <translation>{name} está en la caja ({role})</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{screen}: only for {roles}. {name} is signed in as {role}.</source>
        <translation>{screen}: solo para {roles}. {name} ha iniciado sesión como {role}.</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>Demo data loaded: {count} members.</source>
        <translation>
            <numerusform>Datos de demostración cargados: {count} socio.</numerusform>
            <numerusform>Datos de demostración cargados: {count} socios.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemberDetailDialog</name>
    <message>
        <location filename="../../ui/members/member_detail.py" line="+41"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketing contact</source>
        <translation>Contacto publicitario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offers tailored to purchases (profiling)</source>
        <translation>Ofertas según sus compras (perfiles)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Purchase profile</source>
        <translation>Perfil de compra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RFM scores and segment</source>
        <translation>Puntuación RFM y segmento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over the last twelve months, each scored 1 (worst) to 5 (best) against the other members who bought: R recency, F frequency, M money spent</source>
        <translation>En los últimos doce meses, cada una puntuada de 1 (peor) a 5 (mejor) frente a los demás socios que compraron: R recencia, F frecuencia, M gasto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Birthday</source>
        <translation>Cumpleaños</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-issue card (lost card)</source>
        <translation>Nueva tarjeta (tarjeta perdida)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open at the counter</source>
        <translation>Abrir en la caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print card</source>
        <translation>Imprimir tarjeta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Their data (PDF)…</source>
        <translation>Sus datos (PDF)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase their data…</source>
        <translation>Borrar sus datos…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Points history</source>
        <translation>Historial de puntos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Points history, newest first</source>
        <translation>Historial de puntos, los más recientes primero</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>RFM: counting…</source>
        <translation>RFM: calculando…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ABC class in the {month} report: &lt;b&gt;{label}&lt;/b&gt;</source>
        <translation>Clase ABC en el informe de {month}: &lt;b&gt;{label}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABC class in the {month} report: none (no purchases in its twelve months)</source>
        <translation>Clase ABC en el informe de {month}: ninguna (sin compras en sus doce meses)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RFM: no purchase in the last twelve months, so no scores.</source>
        <translation>RFM: ninguna compra en los últimos doce meses, así que no hay puntuación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;RFM {r} · {f} · {m}&lt;/b&gt; — segment &lt;b&gt;{segment}&lt;/b&gt;&lt;br&gt;{last} · {sales} · {spend} in twelve months</source>
        <translation>&lt;b&gt;RFM {r} · {f} · {m}&lt;/b&gt; — segmento &lt;b&gt;{segment}&lt;/b&gt;&lt;br&gt;{last} · {sales} · {spend} en doce meses</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>last purchase {count} days ago</source>
        <translation>
            <numerusform>última compra hace {count} día</numerusform>
            <numerusform>última compra hace {count} días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} purchases</source>
        <translation>
            <numerusform>{count} compra</numerusform>
            <numerusform>{count} compras</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RFM: {problem}</source>
        <translation>RFM: {problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Member {card}</source>
        <translation>Socio {card}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} · card {card} · {status}</source>
        <translation>{name} · tarjeta {card} · {status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blocked</source>
        <translation>bloqueada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No purchases yet.</source>
        <translation>Todavía no ha comprado.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Marketing consent changed: {m} · profiling consent changed: {p}</source>
        <translation>Consentimiento publicitario cambiado: {m} · consentimiento de perfiles cambiado: {p}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unblock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Block card</source>
        <translation>Bloquear tarjeta</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{count} visits since {first}</source>
        <translation>
            <numerusform>{count} visita desde {first}</numerusform>
            <numerusform>{count} visitas desde {first}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lifetime value {total}</source>
        <translation>valor total {total}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average ticket {ticket}</source>
        <translation>ticket medio {ticket}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last visit {last} ({ago})</source>
        <translation>última visita {last} ({ago})</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} days ago</source>
        <translation>
            <numerusform>hace {count} día</numerusform>
            <numerusform>hace {count} días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>usually every {count} days</source>
        <translation>
            <numerusform>suele venir cada {count} día</numerusform>
            <numerusform>suele venir cada {count} días</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>from the Members screen</source>
        <translation>desde la pantalla Socios</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the member&apos;s data</source>
        <translation>Guardar los datos del socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data-{card}.pdf</source>
        <translation>datos-{card}.pdf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Erase the member&apos;s personal data</source>
        <translation>Borrar los datos personales del socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This removes {name}&apos;s name, phone, email, birthday, notes and consents for good; the amounts stay for the books. It cannot be undone.

Why (e.g. asked at the counter today)?</source>
        <translation>Esto borra para siempre el nombre, el teléfono, el correo electrónico, el cumpleaños, las notas y los consentimientos de {name}; los importes se conservan para la contabilidad. No se puede deshacer.

¿Por qué? (p. ej., lo pidió hoy en la caja)</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../ui/counter/member_panel.py" line="+39"/>
        <source>Member name</source>
        <translation>Nombre del socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card number</source>
        <translation>Número de tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points balance</source>
        <translation>Saldo de puntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of the points</source>
        <translation>Valor de los puntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Progress to the next tier</source>
        <translation>Progreso hacia el siguiente nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expiring soon</source>
        <translation>Puntos que caducan pronto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>Cumpleaños</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last visits</source>
        <translation>Últimas visitas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This till is offline</source>
        <translation>Esta caja está sin conexión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No member selected</source>
        <translation>Ningún socio seleccionado</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card {card}</source>
        <translation>Tarjeta {card}</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{points} points</source>
        <translation>
            <numerusform>{points} punto</numerusform>
            <numerusform>{points} puntos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worth {value}</source>
        <translation>Valen {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{amount} more for {tier}</source>
        <translation>{amount} más para {tier}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Top tier</source>
        <translation>Nivel máximo</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{points} points expire on {day}</source>
        <translation>
            <numerusform>{points} punto caduca el {day}</numerusform>
            <numerusform>{points} puntos caducan el {day}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>🎂 Birthday today!</source>
        <translation>🎂 ¡Hoy es su cumpleaños!</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last visits: {visits}</source>
        <translation>Últimas visitas: {visits}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First visit</source>
        <translation>Primera visita</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>☎ {reason}</source>
        <translation>☎ {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ Open complaint — {what}</source>
        <translation>⚠ Queja abierta — {what}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>since {moment}</source>
        <translation>desde {moment}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>since it joined</source>
        <translation>desde que se unió</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ This till has not reached the hub {since}: points earned at other tills may not be here yet. Redeem here today: up to {left} points more (limit {limit}).</source>
        <translation>⚠ Esta caja no contacta con el concentrador {since}: puede que aún no estén aquí los puntos ganados en otras cajas. Canje aquí hoy: hasta {left} puntos más (límite {limit}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mondays</source>
        <translation>los lunes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tuesdays</source>
        <translation>los martes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wednesdays</source>
        <translation>los miércoles</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thursdays</source>
        <translation>los jueves</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fridays</source>
        <translation>los viernes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saturdays</source>
        <translation>los sábados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sundays</source>
        <translation>los domingos</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{count} visits</source>
        <translation>
            <numerusform>{count} visita</numerusform>
            <numerusform>{count} visitas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>usually every {count} days</source>
        <translation>
            <numerusform>suele venir cada {count} día</numerusform>
            <numerusform>suele venir cada {count} días</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mostly {day}</source>
        <translation>sobre todo {day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average {ticket}</source>
        <translation>ticket medio {ticket}</translation>
    </message>
</context>
<context>
    <name>MembersScreen</name>
    <message>
        <location filename="../../ui/members/screen.py" line="+35"/>
        <source>Search by name, phone or card</source>
        <translation>Nombre, teléfono o tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search members</source>
        <translation>Buscar socios</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details… (Enter)</source>
        <translation>Detalles… (Intro)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print cards of the selected</source>
        <translation>Imprimir tarjetas (selección)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+click or Shift+click to select several members</source>
        <translation>Ctrl+clic o Mayús+clic para seleccionar varios socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print cards due</source>
        <translation>Imprimir tarjetas pendientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possible duplicates…</source>
        <translation>Posibles duplicados…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members with the same phone or e-mail: merge the ones who are one person (owner)</source>
        <translation>Socios con el mismo teléfono o correo: una los que son la misma persona (propietario)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Members or sales history from a spreadsheet (CSV)</source>
        <translation>Socios o historial de compras desde una hoja de cálculo (CSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New members, and members whose tier changed since their card was printed</source>
        <translation>Socios nuevos, y socios cuyo nivel cambió desde que se imprimió su tarjeta</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Members</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Enter opens the chosen member&apos;s record.</source>
        <translation>Intro abre la ficha del socio elegido.</translation>
    </message>
    <message numerus="yes">
        <location line="+69"/>
        <source>{n} members</source>
        <translation>
            <numerusform>{n} socio</numerusform>
            <numerusform>{n} socios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>first {found} of {total} members</source>
        <translation>
            <numerusform>primeros {found} de {total} socio</numerusform>
            <numerusform>primeros {found} de {total} socios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{found} of {total} members</source>
        <translation>
            <numerusform>{found} de {total} socio</numerusform>
            <numerusform>{found} de {total} socios</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No member found to open: check the name, phone or card.</source>
        <translation>No se encontró ningún socio que abrir: revise el nombre, el teléfono o la tarjeta.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a member in the list first: type a name, then ↓ or Tab to the list.</source>
        <translation>Primero elija un socio de la lista: escriba un nombre y pase a la lista con ↓ o Tab.</translation>
    </message>
</context>
<context>
    <name>MembersTableModel</name>
    <message>
        <location filename="../../ui/members/table_model.py" line="+29"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joined</source>
        <translation>Alta</translation>
    </message>
</context>
<context>
    <name>OwnerLogin</name>
    <message>
        <location filename="../../ui/settings/hub_dialogs.py" line="-34"/>
        <source>The hub owner&apos;s login</source>
        <translation>Acceso del propietario del concentrador</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what} needs the hub owner&apos;s login (the PostgreSQL role that ran loyalty hub init). It is used for this and not kept.</source>
        <translation>{what} requiere el acceso del propietario del concentrador (el rol de PostgreSQL que ejecutó loyalty hub init). Se usa para esto y no se guarda.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/printing/service.py" line="+81"/>
        <source>Print preview</source>
        <translation>Vista previa de impresión</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{pages} pages</source>
        <translation>
            <numerusform>{pages} página</numerusform>
            <numerusform>{pages} páginas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>Sent {pages} pages to {printer}</source>
        <translation>
            <numerusform>{pages} página enviada a {printer}</numerusform>
            <numerusform>{pages} páginas enviadas a {printer}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved to {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <location line="+65"/>
        <source>card-{card}.pdf</source>
        <translation>tarjeta-{card}.pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Card of {name}</source>
        <translation>Tarjeta de {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the members whose cards to print.</source>
        <translation>Elija los socios cuyas tarjetas quiere imprimir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cards-{count}.pdf</source>
        <translation>tarjetas-{count}.pdf</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Drawing {n} cards…</source>
        <translation>
            <numerusform>Preparando {n} tarjeta…</numerusform>
            <numerusform>Preparando {n} tarjetas…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card sheet</source>
        <translation>Hoja de tarjetas</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>{n} member cards</source>
        <translation>
            <numerusform>{n} tarjeta de socio</numerusform>
            <numerusform>{n} tarjetas de socio</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Card sheet cancelled: nothing printed.</source>
        <translation>Hoja de tarjetas cancelada: no se ha impreso nada.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>slip-{ref}.pdf</source>
        <translation>comprobante-{ref}.pdf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Slip {ref}</source>
        <translation>Comprobante {ref}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Slip sent to {printer}</source>
        <translation>Comprobante enviado a {printer}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the printer</source>
        <translation>la impresora</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/widgets/file_dialogs.py" line="+29"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Buscar en:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File &amp;name:</source>
        <translation>&amp;Nombre del archivo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Tipo de archivo:</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <location filename="../../ui/retention/survey.py" line="+33"/>
        <source>Question {number} (empty: none)</source>
        <translation>Pregunta {number} (vacía: ninguna)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question {number}</source>
        <translation>Pregunta {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind of question {number}</source>
        <translation>Tipo de la pregunta {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0–10 scale</source>
        <translation>Escala de 0 a 10</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yes / no</source>
        <translation>Sí / no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choice</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Short text</source>
        <translation>Texto breve</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Options, separated by ;</source>
        <translation>Opciones, separadas por ;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options of question {number}</source>
        <translation>Opciones de la pregunta {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question {number} is the NPS question</source>
        <translation>La pregunta {number} es la del NPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The 0–10 question “Would you recommend us to a friend?”: its answers make the Net Promoter Score</source>
        <translation>La pregunta de 0 a 10 «¿Nos recomendaría a un amigo?»: sus respuestas dan el Net Promoter Score (NPS)</translation>
    </message>
</context>
<context>
    <name>RedeemPanel</name>
    <message>
        <location filename="../../ui/counter/actions.py" line="+163"/>
        <source>Reward</source>
        <translation>Premio</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Redeem reward</source>
        <translation>Canjear premio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points, e.g. 500</source>
        <translation>Puntos, p. ej., 500</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points to redeem as a discount</source>
        <translation>Puntos que canjear como descuento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeem points (Enter)</source>
        <translation>Canjear puntos (Intro)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Catalog reward</source>
        <translation>Premio del catálogo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Or points as a discount</source>
        <translation>O puntos como descuento</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>{n} left</source>
        <translation>
            <numerusform>queda {n}</numerusform>
            <numerusform>quedan {n}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{reward} — {points} points</source>
        <translation>
            <numerusform>{reward} — {points} punto</numerusform>
            <numerusform>{reward} — {points} puntos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan a card first.</source>
        <translation>Primero escanee una tarjeta.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Balance {points} points</source>
        <translation>
            <numerusform>Saldo: {points} punto</numerusform>
            <numerusform>Saldo: {points} puntos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Only {balance} points available</source>
        <translation>
            <numerusform>Solo hay {balance} punto disponible</numerusform>
            <numerusform>Solo hay {balance} puntos disponibles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{points} points = {value} off</source>
        <translation>
            <numerusform>{points} punto = {value} de descuento</numerusform>
            <numerusform>{points} puntos = {value} de descuento</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scan a member&apos;s card before redeeming.</source>
        <translation>Escanee la tarjeta de un socio antes de canjear.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>{points} points redeemed: {value} off · balance {balance}</source>
        <translation>
            <numerusform>{points} punto canjeado: {value} de descuento · saldo {balance}</numerusform>
            <numerusform>{points} puntos canjeados: {value} de descuento · saldo {balance}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan a member&apos;s card and pick a reward.</source>
        <translation>Escanee la tarjeta de un socio y elija un premio.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>{reward} given for {points} points · balance {balance}</source>
        <translation>
            <numerusform>{reward} entregado por {points} punto · saldo {balance}</numerusform>
            <numerusform>{reward} entregado por {points} puntos · saldo {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <location filename="../../ui/retention/referrals.py" line="+39"/>
        <source>Count again</source>
        <translation>Volver a contar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Referrals in twelve months</source>
        <translation>Recomendaciones en doce meses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recommended</source>
        <translation>Recomendados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bought since</source>
        <translation>Han comprado desde entonces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals per month</source>
        <translation>Recomendaciones por mes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>Socio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Friends</source>
        <translation>Amigos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who bought</source>
        <translation>Compraron</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top referrers</source>
        <translation>Quienes más recomiendan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New members who came recommended, per month</source>
        <translation>Socios nuevos que llegaron recomendados, por mes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who brought the most friends</source>
        <translation>Quién trajo más amigos</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Counting the referrals…</source>
        <translation>Contando las recomendaciones…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Last twelve months: {referred}, {bought}</source>
        <translation>Últimos doce meses: {referred} y {bought}</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{count} came recommended</source>
        <translation>
            <numerusform>{count} llegó recomendado</numerusform>
            <numerusform>{count} llegaron recomendados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{count} of them have bought</source>
        <translation>
            <numerusform>{count} de ellos ha comprado</numerusform>
            <numerusform>{count} de ellos han comprado</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals counted.</source>
        <translation>Recomendaciones contadas.</translation>
    </message>
</context>
<context>
    <name>RefundPanel</name>
    <message>
        <location filename="../../ui/counter/actions.py" line="+12"/>
        <location line="+6"/>
        <source>Recent sales</source>
        <translation>Compras recientes</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Amount to refund</source>
        <translation>Importe que devolver</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refund amount</source>
        <translation>Importe de la devolución</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund (Enter)</source>
        <translation>Devolver (Intro)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{when} · receipt {ref} · {amount} · {points} pts</source>
        <translation>{when} · ticket {ref} · {amount} · {points} pts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{left} left</source>
        <translation>quedan {left}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No sales to refund.</source>
        <translation>No hay compras que devolver.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan a card first.</source>
        <translation>Primero escanee una tarjeta.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Refunding {amount} takes back {points} points</source>
        <translation>
            <numerusform>Devolver {amount} retira {points} punto</numerusform>
            <numerusform>Devolver {amount} retira {points} puntos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pick the sale to refund.</source>
        <translation>Elija la compra que devolver.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Refund of {amount} on receipt {ref}: {points} points · balance {balance}</source>
        <translation>
            <numerusform>Devolución de {amount} del ticket {ref}: {points} punto · saldo {balance}</numerusform>
            <numerusform>Devolución de {amount} del ticket {ref}: {points} puntos · saldo {balance}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../ui/reports/screen.py" line="+77"/>
        <location line="+12"/>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+1"/>
        <location line="+49"/>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Show report</source>
        <translation>Ver informe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export XLSX…</source>
        <translation>Exportar XLSX…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Member</source>
        <translation>Socio</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+5"/>
        <location line="+184"/>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Members</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share</source>
        <translation>Parte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stores</source>
        <translation>Tiendas</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+64"/>
        <source>Pick a month and press Show report.</source>
        <translation>Elija un mes y pulse Ver informe.</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Fraud flags: what and who</source>
        <translation>Alertas de fraude: qué y quién</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fraud flags</source>
        <translation>Alertas de fraude</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+198"/>
        <source>Whole chain</source>
        <translation>Toda la cadena</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Member sales</source>
        <translation>Ventas de socios</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+81"/>
        <source>Active members</source>
        <translation>Socios activos</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+81"/>
        <source>New members</source>
        <translation>Altas</translation>
    </message>
    <message>
        <location line="-82"/>
        <location line="+82"/>
        <source>Transactions</source>
        <translation>Compras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average ticket</source>
        <translation>Ticket medio</translation>
    </message>
    <message>
        <location line="-82"/>
        <location line="+82"/>
        <source>Points issued</source>
        <translation>Puntos emitidos</translation>
    </message>
    <message>
        <location line="-82"/>
        <location line="+83"/>
        <source>Points redeemed</source>
        <translation>Puntos canjeados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points outstanding</source>
        <translation>Puntos pendientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liability</source>
        <translation>Pasivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retention</source>
        <translation>Retención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat purchases</source>
        <translation>Repetición de compra</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Churned</source>
        <translation>Socios perdidos</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Ranking…</source>
        <translation>Clasificando…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report for {month}: ranking the last twelve months&apos; members for the ABC classes…</source>
        <translation>Informe de {month}: clasificando a los socios de los últimos doce meses para las clases ABC…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{arrow} {change} vs previous</source>
        <translation>{arrow} {change} frente al anterior</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Report for {month}</source>
        <translation>Informe de {month}</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Report for {month} · store {store}</source>
        <translation>Informe de {month} · tienda {store}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Points to their own card</source>
        <translation>Puntos a su propia tarjeta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Many sales in a short time</source>
        <translation>Muchas compras en poco tiempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Many points credited by hand</source>
        <translation>Muchos puntos sumados a mano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large earn redeemed at once</source>
        <translation>Muchos puntos ganados y canjeados enseguida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small sales carrying members over a tier threshold</source>
        <translation>Compras pequeñas que llevan a socios por encima del umbral de un nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same points spent at two tills</source>
        <translation>Los mismos puntos gastados en dos cajas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>entry {id} ({kind})</source>
        <translation>movimiento {id} ({kind})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No fraud flags this month.</source>
        <translation>Ninguna alerta de fraude este mes.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Member sales per day</source>
        <translation>Ventas de socios por día</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points issued and redeemed per day</source>
        <translation>Puntos emitidos y canjeados por día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>Emitidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeemed</source>
        <translation>Canjeados</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Members per tier · {up} up, {down} down</source>
        <translation>Socios por nivel · {up} suben, {down} bajan</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>this shop</source>
        <translation>esta tienda</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Folder for the CSV files</source>
        <translation>Carpeta para los archivos CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report-{month}.{kind}</source>
        <translation>informe-{month}.{kind}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported: {files}</source>
        <translation>Exportado: {files}</translation>
    </message>
</context>
<context>
    <name>RetentionScreen</name>
    <message>
        <location filename="../../ui/retention/screen.py" line="+60"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Member</source>
        <translation>Socio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>May contact</source>
        <translation>Se puede contactar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members of the segment</source>
        <translation>Socios del segmento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact list (consenting members only)…</source>
        <translation>Lista de contactos (solo socios que lo aceptan)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Fecha prevista</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it went</source>
        <translation>Cómo fue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the rules now</source>
        <translation>Aplicar las reglas ahora</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Segments</source>
        <translation>Segmentos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-ups due</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Retention</source>
        <translation>Retención</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Segments &amp;&amp; follow-ups</source>
        <translation>Segmentos y seguimientos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints</source>
        <translation>Quejas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals</source>
        <translation>Recomendaciones</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a complaint to resolve it, or to note whether the member was satisfied afterwards.</source>
        <translation>Elija una queja para resolverla, o para anotar si el socio quedó satisfecho después.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write up to ten questions and save them; the results show a month&apos;s answers.</source>
        <translation>Escriba hasta diez preguntas y guárdelas; los resultados muestran las respuestas de un mes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a campaign (and, if you like, a segment) and press Show results.</source>
        <translation>Elija una campaña (y, si quiere, un segmento) y pulse Mostrar resultados.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members who came recommended, and who brought them.</source>
        <translation>Socios que llegaron recomendados, y quién los trajo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a segment and press Show; tick off the follow-ups as they are done.</source>
        <translation>Elija un segmento y pulse Mostrar; marque los seguimientos a medida que se hagan.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Finding the members…</source>
        <translation>Buscando los socios…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>{count} members</source>
        <translation>
            <numerusform>{count} socio</numerusform>
            <numerusform>{count} socios</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{count} members in the segment</source>
        <translation>
            <numerusform>{count} socio en el segmento</numerusform>
            <numerusform>{count} socios en el segmento</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Contact list</source>
        <translation>Lista de contactos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>contacts.csv</source>
        <translation>contactos.csv</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>{written} of {count} members agreed to be contacted: written to {path}</source>
        <translation>
            <numerusform>{written} de {count} socios aceptó ser contactado: guardado en {path}</numerusform>
            <numerusform>{written} de {count} socios aceptaron ser contactados: guardado en {path}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a follow-up in the list first.</source>
        <translation>Primero elija un seguimiento de la lista.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Follow-up done.</source>
        <translation>Seguimiento hecho.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>{added} follow-ups added.</source>
        <translation>
            <numerusform>{added} seguimiento añadido.</numerusform>
            <numerusform>{added} seguimientos añadidos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SalePanel</name>
    <message>
        <location filename="../../ui/counter/actions.py" line="-256"/>
        <source>Sale amount</source>
        <translation>Importe de la compra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number (optional)</source>
        <translation>Número de ticket (opcional)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt number</source>
        <translation>Número de ticket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record sale (Enter)</source>
        <translation>Registrar compra (Intro)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Amount, e.g. {example}</source>
        <translation>Importe, p. ej., {example}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan a card first.</source>
        <translation>Primero escanee una tarjeta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the amount and press Enter.</source>
        <translation>Escriba el importe y pulse Intro.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{points} base</source>
        <translation>{points} base</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{points} {tier}</source>
        <translation>{points} {tier}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{points} campaign</source>
        <translation>{points} campaña</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Earns {total} points ({parts})</source>
        <translation>
            <numerusform>Gana {total} punto ({parts})</numerusform>
            <numerusform>Gana {total} puntos ({parts})</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan a member&apos;s card before recording a sale.</source>
        <translation>Escanee la tarjeta de un socio antes de registrar una compra.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Receipt {ref} was already recorded: nothing added · balance {balance}</source>
        <translation>El ticket {ref} ya estaba registrado: no se ha sumado nada · saldo {balance}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{points} points for {amount} · balance {balance}</source>
        <translation>
            <numerusform>{points} punto por {amount} · saldo {balance}</numerusform>
            <numerusform>{points} puntos por {amount} · saldo {balance}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{points} birthday bonus</source>
        <translation>{points} de bono de cumpleaños</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{points} referral bonus</source>
        <translation>{points} de bono por recomendación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{points} welcome bonus</source>
        <translation>{points} de bono de bienvenida</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{points} campaign bonus</source>
        <translation>{points} de bono de campaña</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{points} bonus</source>
        <translation>{points} de bono</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now {tier}!</source>
        <translation>¡ahora {tier}!</translation>
    </message>
</context>
<context>
    <name>SegmentPicker</name>
    <message>
        <location filename="../../ui/retention/segment_picker.py" line="+20"/>
        <source>champions</source>
        <translation>campeones</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loyal</source>
        <translation>fieles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new</source>
        <translation>nuevos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>potential</source>
        <translation>potenciales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at risk</source>
        <translation>en riesgo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hibernating</source>
        <translation>dormidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost</source>
        <translation>perdidos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RFM segment</source>
        <translation>Segmento RFM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sale in N days</source>
        <translation>Sin compras en N días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday this month</source>
        <translation>Cumpleaños este mes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expiring within N days</source>
        <translation>Puntos que caducan en N días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within an amount of the next tier</source>
        <translation>A menos de un importe del siguiente nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New this month</source>
        <translation>Altas de este mes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In a tier</source>
        <translation>En un nivel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <location filename="../../ui/settings/hub_dialogs.py" line="+48"/>
        <source>The chain&apos;s server</source>
        <translation>El servidor de la cadena</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A PostgreSQL server (14 or newer) that every store reaches, and the login of its owner (who may create roles). It becomes the chain&apos;s hub; this till joins it.</source>
        <translation>Un servidor PostgreSQL (14 o más reciente) al que llegan todas las tiendas, y el acceso de su propietario (que puede crear roles). Se convierte en el concentrador de la cadena; esta caja se une a él.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner&apos;s user</source>
        <translation>Usuario del propietario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TLS (sslmode)</source>
        <translation>TLS (sslmode)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This store&apos;s code</source>
        <translation>Código de esta tienda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This store&apos;s name</source>
        <translation>Nombre de esta tienda</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/settings/screen.py" line="+44"/>
        <source>Shop</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shop name</source>
        <translation>Nombre de la tienda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the screens, cards, slips and reports</source>
        <translation>Idioma de las pantallas, tarjetas, comprobantes e informes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency (ISO code)</source>
        <translation>Moneda (código ISO)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency decimals</source>
        <translation>Decimales de la moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest amount accepted</source>
        <translation>Importe máximo admitido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points per currency unit of sale</source>
        <translation>Puntos por cada unidad de moneda de compra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points worth one currency unit</source>
        <translation>Puntos que valen una unidad de moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points expire after (months, 0 = never)</source>
        <translation>Los puntos caducan a los (meses, 0 = nunca)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome bonus (points)</source>
        <translation>Bono de bienvenida (puntos)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday bonus (points)</source>
        <translation>Bono de cumpleaños (puntos)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referral bonus (points)</source>
        <translation>Bono por recomendación (puntos)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <location line="+4"/>
        <source>Tiers</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Qualifying spend counted over (days)</source>
        <translation>Gasto que cuenta para el nivel, de los últimos (días)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grace before a downgrade (days)</source>
        <translation>Margen antes de bajar de nivel (días)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards and scanner</source>
        <translation>Tarjetas y lector</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card number prefix</source>
        <translation>Prefijo del número de tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortest scan (characters)</source>
        <translation>Lectura más corta (caracteres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner prefix character (optional)</source>
        <translation>Carácter de prefijo del lector (opcional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest pause within a scan (ms)</source>
        <translation>Pausa máxima dentro de un escaneo (ms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing</source>
        <translation>Impresión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Logo on cards (PNG or JPEG file, optional)</source>
        <translation>Logotipo en las tarjetas (archivo PNG o JPEG, opcional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card printer</source>
        <translation>Impresora de tarjetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card sheet paper</source>
        <translation>Papel de las hojas de tarjetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slip printer (empty: preview only)</source>
        <translation>Impresora de comprobantes (vacío: solo vista previa)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slip roll width (mm)</source>
        <translation>Ancho del rollo de comprobantes (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slip printer speaks</source>
        <translation>Lenguaje de la impresora de comprobantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print a slip after every transaction</source>
        <translation>Imprimir un comprobante tras cada operación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff and security</source>
        <translation>Personal y seguridad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lock the counter after (minutes idle, 0 = never)</source>
        <translation>Bloquear la caja tras (minutos sin uso, 0 = nunca)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Most points a manager may adjust or grant at once</source>
        <translation>Máximo de puntos que un encargado puede ajustar o dar de una vez</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backup folder (empty: &apos;backups&apos; beside the database)</source>
        <translation>Carpeta de copias (vacío: &apos;backups&apos; junto a la base de datos)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The screens change language when the app is next started; cards, slips and reports at once.</source>
        <translation>Las pantallas cambian de idioma la próxima vez que se abra la aplicación; las tarjetas, los comprobantes y los informes, en el acto.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spend to reach</source>
        <translation>Gasto para alcanzarlo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points multiplier</source>
        <translation>Multiplicador de puntos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Save settings</source>
        <translation>Guardar configuración</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo my changes</source>
        <translation>Deshacer mis cambios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the setup again…</source>
        <translation>Repetir la configuración inicial…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first start&apos;s questions: shop, money and time, points, tiers</source>
        <translation>Las preguntas del primer inicio: tienda, moneda y hora, puntos, niveles</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+97"/>
        <source>Change a value and press Save settings. Nothing is saved until then.</source>
        <translation>Cambie un valor y pulse Guardar configuración. No se guarda nada hasta entonces.</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Setup saved.</source>
        <translation>Configuración inicial guardada.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ESC/POS (thermal printer, raw)</source>
        <translation>ESC/POS (impresora térmica, directo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF through its driver</source>
        <translation>PDF a través de su controlador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Nothing was saved. {problem}</source>
        <translation>No se guardó nada. {problem}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings saved. The new language applies to cards, slips and reports now, and to the screens when the app is next started.</source>
        <translation>Configuración guardada. El nuevo idioma se aplica ya a las tarjetas, los comprobantes y los informes, y a las pantallas la próxima vez que se abra la aplicación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>A {amount} sale earns {points} points</source>
        <translation>
            <numerusform>Una compra de {amount} gana {points} punto</numerusform>
            <numerusform>Una compra de {amount} gana {points} puntos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{tier} earns {points}</source>
        <translation>{tier} gana {points}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Example: fix the values above to see what a sale earns.</source>
        <translation>Ejemplo: corrija los valores de arriba para ver lo que gana una compra.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="-31"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose your name and type your PIN.</source>
        <translation>Elija su nombre y escriba su PIN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>PIN or password</source>
        <translation>PIN o contraseña</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cashier</source>
        <translation>cajero/a</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>manager</source>
        <translation>encargado/a</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>owner</source>
        <translation>propietario/a</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../../ui/settings/staff_panel.py" line="+19"/>
        <location line="+3"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>cashier</source>
        <translation>cajero/a</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>manager</source>
        <translation>encargado/a</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>owner</source>
        <translation>propietario/a</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+5"/>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Can sign in</source>
        <translation>Puede iniciar sesión</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New staff member&apos;s name</source>
        <translation>Nombre del nuevo empleado</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>PIN or password</source>
        <translation>PIN o contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the chosen one this role</source>
        <translation>Dar esta función a la persona elegida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the chosen one&apos;s PIN</source>
        <translation>Cambiar el PIN de la persona elegida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivate / reactivate</source>
        <translation>Desactivar / reactivar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their own loyalty card, if any</source>
        <translation>Su propia tarjeta de socio, si la tiene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their own loyalty card</source>
        <translation>Su propia tarjeta de socio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link the chosen one&apos;s own card</source>
        <translation>Vincular la tarjeta propia de la persona elegida</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} now has the role chosen.</source>
        <translation>{name} tiene ahora la función elegida.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New PIN saved for {name}.</source>
        <translation>Nuevo PIN guardado para {name}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} updated.</source>
        <translation>{name} actualizado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}&apos;s own card saved: points they credit to it are flagged.</source>
        <translation>Tarjeta propia de {name} guardada: los puntos que sume a ella quedan señalados.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} added.</source>
        <translation>{name} añadido.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose someone in the list first.</source>
        <translation>Primero elija a alguien de la lista.</translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <location filename="../../ui/widgets/feedback.py" line="+22"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready: scan a card or search for a member.</source>
        <translation>Listo: escanee una tarjeta o busque un socio.</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <location filename="../../ui/counter/survey_dialog.py" line="+44"/>
        <source>Survey — {name}</source>
        <translation>Encuesta — {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask each question and type the answer; Tab moves to the next. Enter saves, Esc cancels. Unanswered questions are left out.</source>
        <translation>Haga cada pregunta y escriba la respuesta; Tab pasa a la siguiente. Intro guarda, Esc cancela. Las preguntas sin respuesta se dejan fuera.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Survey bonus</source>
        <translation>Bono por la encuesta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The survey bonus was already earned this month.</source>
        <translation>El bono por la encuesta ya se obtuvo este mes.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Answering earns {points} points.</source>
        <translation>
            <numerusform>Responder da {points} punto.</numerusform>
            <numerusform>Responder da {points} puntos.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{number}. {text}</source>
        <translation>{number}. {text}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save (Enter)</source>
        <translation>Guardar (Intro)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>0 to 10</source>
        <translation>De 0 a 10</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— Y, S or 1: yes · N or 0: no</source>
        <translation>— S, Y o 1: sí · N o 0: no</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— the option&apos;s number</source>
        <translation>— el número de la opción</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A few words (optional)</source>
        <translation>Unas palabras (opcional)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type at least one answer, or press Esc to leave the survey.</source>
        <translation>Escriba al menos una respuesta, o pulse Esc para salir de la encuesta.</translation>
    </message>
</context>
<context>
    <name>SurveyTab</name>
    <message>
        <location filename="../../ui/retention/survey.py" line="+52"/>
        <location line="+41"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Options (a choice)</source>
        <translation>Opciones (si es de elegir)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save the questions</source>
        <translation>Guardar las preguntas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo changes</source>
        <translation>Deshacer los cambios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cashier asks them with F10 at the counter; answers already given keep their question.</source>
        <translation>El cajero las pregunta con F10 en la caja; las respuestas ya dadas conservan su pregunta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Questions (at most {count})</source>
        <translation>Preguntas (como máximo {count})</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Show results</source>
        <translation>Mostrar resultados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Survey summary</source>
        <translation>Resumen de la encuesta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey results</source>
        <translation>Resultados de la encuesta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No questions: the survey is off (F10 at the counter says so).</source>
        <translation>Sin preguntas: la encuesta está desactivada (F10 en la caja lo indica).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{count} survey questions saved: the counter asks them from now on.</source>
        <translation>
            <numerusform>{count} pregunta de la encuesta guardada: la caja la hace a partir de ahora.</numerusform>
            <numerusform>{count} preguntas de la encuesta guardadas: la caja las hace a partir de ahora.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>{month}: {responses} responses · NPS {nps}</source>
        <translation>
            <numerusform>{month}: {responses} respuesta · NPS {nps}</numerusform>
            <numerusform>{month}: {responses} respuestas · NPS {nps}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>average {average}</source>
        <translation>media {average}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{count} wrote a comment</source>
        <translation>
            <numerusform>{count} escribió un comentario</numerusform>
            <numerusform>{count} escribieron un comentario</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <location filename="../../ui/shell/sync_details.py" line="+47"/>
        <source>Hub: a problem for the owner · {count} to send</source>
        <translation>Concentrador: un problema para el propietario · {count} por enviar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hub: offline since {time} · {count} to send</source>
        <translation>Concentrador: sin conexión desde las {time} · {count} por enviar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hub: offline · {count} to send</source>
        <translation>Concentrador: sin conexión · {count} por enviar</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Hub: taking in history · {percent} % · about %n min left</source>
        <translation>
            <numerusform>Concentrador: recibiendo historial · {percent} % · queda %n min aprox.</numerusform>
            <numerusform>Concentrador: recibiendo historial · {percent} % · quedan %n min aprox.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hub: taking in history · {percent} %</source>
        <translation>Concentrador: recibiendo historial · {percent} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hub: syncing · {count} to send</source>
        <translation>Concentrador: sincronizando · {count} por enviar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub: in sync</source>
        <translation>Concentrador: al día</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sync with the hub</source>
        <translation>Sincronización con el concentrador</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be sent</source>
        <translation>Por enviar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to come from the hub</source>
        <translation>Por recibir del concentrador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set aside for the owner</source>
        <translation>Apartado para el propietario</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hub</source>
        <translation>Concentrador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries of this till</source>
        <translation>
            <numerusform>%n movimiento de esta caja</numerusform>
            <numerusform>%n movimientos de esta caja</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the chain&apos;s history: {percent} % here</source>
        <translation>historial de la cadena: {percent} % recibido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not known yet</source>
        <translation>aún no se sabe</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>at most %n entries of other tills</source>
        <translation>
            <numerusform>como mucho %n movimiento de otras cajas</numerusform>
            <numerusform>como mucho %n movimientos de otras cajas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n entries: the hub already had other facts under their numbers; the owner sees them with loyalty hub status</source>
        <translation>
            <numerusform>%n movimiento: el concentrador ya tenía otro hecho con su número; el propietario lo ve con loyalty hub status</numerusform>
            <numerusform>%n movimientos: el concentrador ya tenía otros hechos con sus números; el propietario los ve con loyalty hub status</numerusform>
        </translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+7"/>
        <location line="+3"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
</context>
<context>
    <name>TillsPanel</name>
    <message>
        <location filename="../../ui/settings/tills_panel.py" line="+32"/>
        <source>Shops and tills</source>
        <translation>Tiendas y cajas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tills of the chain</source>
        <translation>Cajas de la cadena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Store name</source>
        <translation>Nombre de la tienda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Till</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a till…</source>
        <translation>Añadir una caja…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the chosen till…</source>
        <translation>Dar de baja la caja elegida…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the chosen store…</source>
        <translation>Renombrar la tienda elegida…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join a hub…</source>
        <translation>Unirse a un concentrador…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This PC keeps the shop&apos;s hub…</source>
        <translation>Este PC guarda el concentrador de la tienda…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the chain&apos;s server…</source>
        <translation>Usar el servidor de la cadena…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This shop is on its own. A second till: let this PC keep the shop&apos;s hub (the back office PC, on while the shop is open), then add the till here. Or join a chain&apos;s hub with the join code its owner made for this till (loyalty hub add-counter STORE NAME --device-id {device_id}); this till&apos;s history then goes up to the hub in the background.</source>
        <translation>Esta tienda funciona sola. Para una segunda caja: deje que este PC guarde el concentrador de la tienda (el PC de la trastienda, encendido mientras la tienda está abierta) y añada aquí la caja. O únase al concentrador de una cadena con el código que su propietario creó para esta caja (loyalty hub add-counter TIENDA NOMBRE --device-id {device_id}); el historial de esta caja sube después al concentrador en segundo plano.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This till belongs to store {store}; the hub is at {host}:{port}. Asking the hub…</source>
        <translation>Esta caja pertenece a la tienda {store}; el concentrador está en {host}:{port}. Consultando al concentrador…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>this PC</source>
        <translation>este PC</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This till belongs to store {store}; the hub is at {host}:{port}.</source>
        <translation>Esta caja pertenece a la tienda {store}; el concentrador está en {host}:{port}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>revoked {when}</source>
        <translation>de baja desde {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this till</source>
        <translation>esta caja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} to send</source>
        <translation>{count} por enviar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} to take in</source>
        <translation>{count} por recibir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Add a till</source>
        <translation>Añadir una caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the new till of store {store}:</source>
        <translation>Nombre de la caja nueva de la tienda {store}:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adding a till</source>
        <translation>Añadir una caja</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Till {name} added: its join code is shown once.</source>
        <translation>Caja {name} añadida: su código para unirse se muestra una sola vez.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an active till in the list first.</source>
        <translation>Primero elija una caja activa en la lista.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke a till</source>
        <translation>Dar de baja una caja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke {name} (store {store})? It can no longer reach the hub: its sales stay on it until the owner joins it again with a new code. Do this for a stolen or retired till.</source>
        <translation>¿Dar de baja {name} (tienda {store})? Ya no podrá contactar con el concentrador: sus ventas se quedan en ella hasta que el propietario la vuelva a unir con un código nuevo. Hágalo con una caja robada o retirada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoking a till</source>
        <translation>Dar de baja una caja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Till {name} revoked.</source>
        <translation>Caja {name} dada de baja.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a till of the store in the list first.</source>
        <translation>Primero elija en la lista una caja de la tienda.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename a store</source>
        <translation>Renombrar una tienda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name of store {store}:</source>
        <translation>Nombre nuevo de la tienda {store}:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Renaming a store</source>
        <translation>Renombrar una tienda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Store {code} is now called {name}.</source>
        <translation>La tienda {code} se llama ahora {name}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>This PC keeps the shop&apos;s hub</source>
        <translation>Este PC guarda el concentrador de la tienda</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>A short code for this shop (letters or digits, such as M1); the other tills join it:</source>
        <translation>Un código corto para esta tienda (letras o cifras, como M1); las demás cajas se unen a él:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This PC will run the shop&apos;s hub (a PostgreSQL server in the app&apos;s folder, reached by the other tills on the shop&apos;s network, encrypted and with passwords), also when the app is closed. Keep it on while the shop is open; the tills sell without it and catch up when it is back. Go on?</source>
        <translation>Este PC ejecutará el concentrador de la tienda (un servidor PostgreSQL en la carpeta de la aplicación, al que las otras cajas llegan por la red de la tienda, cifrado y con contraseñas), también con la aplicación cerrada. Manténgalo encendido mientras la tienda está abierta; las cajas venden sin él y se ponen al día cuando vuelve. ¿Continuar?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It starts with this PC.</source>
        <translation>Arranca con este PC.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It runs from the moment the app opens on this PC until the PC is turned off (the system could not be set to start it with the PC).</source>
        <translation>Funciona desde que se abre la aplicación en este PC hasta que se apaga el PC (no se pudo hacer que el sistema lo arranque con el PC).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This PC keeps the shop&apos;s hub, at {address}:{port}. Add the other tills with Add a till….</source>
        <translation>Este PC guarda el concentrador de la tienda, en {address}:{port}. Añada las demás cajas con «Añadir una caja…».</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Join a hub</source>
        <translation>Unirse a un concentrador</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The join code (type, paste or scan it):</source>
        <translation>El código para unirse (escríbalo, péguelo o escanéelo):</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Merge two shops</source>
        <translation>Unir dos tiendas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The hub already holds another shop&apos;s members. Joining merges this shop&apos;s members with theirs (cards whose numbers they use are re-issued here). Join and merge?</source>
        <translation>El concentrador ya tiene los socios de otra tienda. Unirse junta los socios de esta tienda con los suyos (las tarjetas cuyos números ya usan se reemiten aquí). ¿Unirse y juntarlos?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This till joined the chain as a till of store {store}; its history goes up to the hub in the background.</source>
        <translation>Esta caja se unió a la cadena como caja de la tienda {store}; su historial sube al concentrador en segundo plano.</translation>
    </message>
</context>
<context>
    <name>_StaffDialog</name>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="-53"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>background</name>
    <message>
        <location filename="../../ui/widgets/background.py" line="+88"/>
        <source>Something went wrong; the details are in the log file (F1 shows where). Try again, and tell the owner if it happens again.</source>
        <translation>Algo salió mal; los detalles están en el archivo de registro (F1 indica dónde). Vuelva a intentarlo y, si se repite, avise al propietario.</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <location filename="../../ui/widgets/file_dialogs.py" line="+15"/>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{suffix} file</source>
        <translation>Archivo {suffix}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../ui/shell/recovery.py" line="+75"/>
        <source>The shop&apos;s database is damaged</source>
        <translation>La base de datos de la tienda está dañada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{problem}

No good backup of this shop was found in {folder}. Do not delete the database file: a technician may still rescue it.</source>
        <translation>{problem}

No se encontró ninguna copia correcta de esta tienda en {folder}. No borre el archivo de la base de datos: un técnico aún puede recuperarlo.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{problem}

The newest good backup of {shop} is from {when} ({members} members). Put it in place of the damaged database? The damaged file is kept beside it, renamed, not deleted.</source>
        <translation>
            <numerusform>{problem}

La copia correcta más reciente de {shop} es del {when} ({members} socio). ¿Ponerla en lugar de la base de datos dañada? El archivo dañado se conserva a su lado, con otro nombre; no se borra.</numerusform>
            <numerusform>{problem}

La copia correcta más reciente de {shop} es del {when} ({members} socios). ¿Ponerla en lugar de la base de datos dañada? El archivo dañado se conserva a su lado, con otro nombre; no se borra.</numerusform>
        </translation>
    </message>
</context>
</TS>
