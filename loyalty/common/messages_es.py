"""The Spanish catalog of the domain's messages (see messages.py): neutral Spanish for Spain and
Latin America (usted, no vosotros or voseo). Keys are the English templates exactly as `t()` gets
them; each translation keeps every `{placeholder}` of its key (a test checks both ways)."""

MESSAGES = {
    "kind: one of {choices} (got '{kind}')":
        "tipo: uno de {choices} (se recibió '{kind}')",
    "backup {file}: one was taken this very second; try again in a moment":
        "copia {file}: se hizo otra en este mismo segundo; inténtelo de nuevo en un momento",
    "backup {file}: the copy does not pass its check ({problem})":
        "copia {file}: la copia no supera su comprobación ({problem})",
    "file: '{backup}' is not a file":
        "archivo: '{backup}' no es un archivo",
    "file: {name} is not a readable loyalty backup ({problem}); nothing was changed":
        "archivo: {name} no es una copia de seguridad legible del programa de fidelización ({problem}); no se ha cambiado nada",
    "file: {name} is a backup of another shop, {theirs}, not of this shop, {ours}; nothing was changed":
        "archivo: {name} es una copia de seguridad de otra tienda, {theirs}, no de esta tienda, {ours}; "
        "no se ha cambiado nada",
    "{refusal}. To replace the data of {ours} with that of {theirs}, repeat the command with {flag}":
        "{refusal}. Para reemplazar los datos de {ours} por los de {theirs}, repita el comando con {flag}",
    "an unknown shop":
        "una tienda desconocida",
    "backup folder {folder}: cannot be created ({reason})":
        "carpeta de copias {folder}: no se puede crear ({reason})",
    "backup to {folder}: failed ({error}); the shop's database is untouched":
        "copia en {folder}: ha fallado ({error}); la base de datos de la tienda no se ha tocado",
    "file: {name} was written by a newer version of the app (schema {version}); nothing was changed":
        "archivo: {name} lo escribió una versión más reciente de la aplicación (esquema {version}); no se ha cambiado nada",
    "no members table":
        "no tiene tabla de socios",
    "name: 1 to 80 characters":
        "nombre: de 1 a 80 caracteres",
    "ends_on: {end} is before the start {start}":
        "fin: {end} es anterior al inicio {start}",
    "campaign: no campaign {campaign_id}":
        "campaña: no existe la campaña {campaign_id}",
    "{field}: '{text}' is not a date such as 2026-03-01":
        "{field}: '{text}' no es una fecha como 2026-03-01",
    "weekdays: '{part}' is not a weekday (use mon..sun, lun..dom or 1..7)":
        "días de la semana: '{part}' no es un día de la semana (use lun..dom, mon..sun o 1..7)",
    "{field}: '{number}' is not a card number (digits only)":
        "{field}: '{number}' no es un número de tarjeta (solo cifras)",
    "{field}: {number} is not a valid card number (check digit wrong: mistyped or misread)":
        "{field}: {number} no es un número de tarjeta válido (dígito de control incorrecto: mal tecleado o mal leído)",
    "command line: {message} (see --help)":
        "línea de órdenes: {message} (consulte --help)",
    "file: give --json-file FILE, --pdf FILE or both":
        "archivo: indique --json-file ARCHIVO, --pdf ARCHIVO o ambos",
    "--now: '{text}' is not an ISO date-time such as 2026-03-01T10:30":
        "--now: '{text}' no es una fecha y hora ISO como 2026-03-01T10:30",
    "{field}: the folder '{folder}' does not exist":
        "{field}: la carpeta '{folder}' no existe",
    "export: say where: --csv DIR, --xlsx FILE or --json-file FILE":
        "exportación: indique dónde: --csv CARPETA, --xlsx ARCHIVO o --json-file ARCHIVO",
    "file: {count} bad row, nothing imported (--skip-invalid imports the good ones: {good_rows}): {rows}":
        "archivo: {count} fila con errores, no se ha importado nada (--skip-invalid importa las correctas: {good_rows}): "
        "{rows}",
    "file: {count} bad rows, nothing imported (--skip-invalid imports the good ones: {good_rows}): {rows}":
        "archivo: {count} filas con errores, no se ha importado nada (--skip-invalid importa las correctas: "
        "{good_rows}): {rows}",
    "receipt: say where it goes: --pdf FILE, --escpos FILE or --print PRINTER":
        "ticket: indique adónde va: --pdf ARCHIVO, --escpos ARCHIVO o --print IMPRESORA",
    "since: '{since}' is not a date such as 2026-03-01":
        "desde: '{since}' no es una fecha como 2026-03-01",
    "month: give --month YYYY-MM, or --from DATE and --to DATE":
        "mes: indique --month AAAA-MM, o --from FECHA y --to FECHA",
    "month: give --month, or --from and --to, not both":
        "mes: indique --month, o --from y --to, no ambos",
    "churn-days: between 1 and 3650 (got {days})":
        "días de abandono: entre 1 y 3650 (se recibió {days})",
    "file: a JSON list of questions, each an object":
        "archivo: una lista JSON de preguntas, cada una un objeto",
    "file: {file} is not a JSON list of questions ({error})":
        "archivo: {file} no es una lista JSON de preguntas ({error})",
    "answer: '{item}' is not N=VALUE with N a question number":
        "respuesta: '{item}' no tiene la forma N=VALOR, con N el número de una pregunta",
    "pin: give --pin or set LOYALTY_PIN (no terminal to ask on)":
        "PIN: indique --pin o defina LOYALTY_PIN (no hay terminal en la que preguntarlo)",
    "pin: set LOYALTY_APPROVER_PIN for --approved-by (no terminal to ask on)":
        "PIN: defina LOYALTY_APPROVER_PIN para --approved-by (no hay terminal en la que preguntarlo)",
    "pin: give --new-pin (no terminal to ask on)":
        "PIN: indique --new-pin (no hay terminal en la que preguntarlo)",
    "pin: the two entries differ":
        "PIN: las dos entradas no coinciden",
    "{field}: 1 to {limit} characters":
        "{field}: de 1 a {limit} caracteres",
    "category: one of {choices} (got '{category}')":
        "categoría: una de {choices} (se recibió '{category}')",
    "points: 0 or more whole points (got {compensation_points})":
        "puntos: 0 o más puntos enteros (se recibió {compensation_points})",
    "status: one of {choices} (got '{status}')":
        "estado: uno de {choices} (se recibió '{status}')",
    "complaint: no complaint {complaint_id}":
        "queja: no existe la queja {complaint_id}",
    "complaint: complaint {complaint_id} is already resolved":
        "queja: la queja {complaint_id} ya está resuelta",
    "complaint: complaint {complaint_id} is not resolved yet":
        "queja: la queja {complaint_id} aún no está resuelta",
    "reason: required for a manual change of points":
        "motivo: obligatorio para un cambio manual de puntos",
    "reason: at most 200 characters":
        "motivo: como máximo 200 caracteres",
    "points: a whole number other than 0, at most {max_manual_points:,} (got {points})":
        "puntos: un número entero distinto de 0, como máximo {max_manual_points} (se recibió {points})",
    "kind: '{bonus_kind}' cannot be granted by hand (compensation or campaign)":
        "tipo: '{bonus_kind}' no se puede conceder a mano (compensación o campaña)",
    "points: a whole number above 0 (got {points})":
        "puntos: un número entero mayor que 0 (se recibió {points})",
    "entry: undo is only possible within {minutes} minutes; use a refund or ask a manager to reverse it":
        "movimiento: solo se puede deshacer en los {minutes} minutos siguientes; haga una devolución o pida a un encargado que lo anule",
    "entry: expired points cannot be reversed; give them back as a compensation bonus, with a reason":
        "movimiento: los puntos caducados no se pueden anular; devuélvalos con una bonificación de compensación, indicando el motivo",
    "entry: entry {entry_id} is a reversal of entry {target_id} and cannot be reversed; record that transaction again instead":
        "movimiento: el movimiento {entry_id} anula el movimiento {target_id} y no se puede anular; registre de nuevo esa operación",
    "entry: entry {entry_id} voided the sale {ref}, and a void cannot be reversed; post the sale again instead":
        "movimiento: el movimiento {entry_id} anuló la venta {ref}, y una anulación no se puede deshacer; registre la venta de nuevo",
    "entry: entry {entry_id} refunds the sale {ref}, which was voided since; there is nothing to give back":
        "movimiento: el movimiento {entry_id} es una devolución de la venta {ref}, que se anuló después; no hay nada que devolver",
    "hub: the hub is older than this app: ask the owner to upgrade it (loyalty hub init, which keeps its data); "
    "sales are saved here meanwhile":
        "concentrador: el concentrador es más antiguo que esta aplicación: pida al propietario que lo actualice "
        "(loyalty hub init, que conserva sus datos); mientras tanto las ventas se guardan aquí",
    "hub: the hub refused this till's password (was it changed?): ask the owner for a new join code; sales are "
    "saved here meanwhile":
        "concentrador: el concentrador rechazó la contraseña de esta caja (¿se cambió?): pida al propietario un código "
        "para unirse de nuevo; mientras tanto las ventas se guardan aquí",
    "hub: the hub does not know this till (is it the chain's hub?): ask the owner for a new join code; sales are "
    "saved here meanwhile":
        "concentrador: el concentrador no conoce esta caja (¿es el de la cadena?): pida al propietario un código para "
        "unirse de nuevo; mientras tanto las ventas se guardan aquí",
    "hub: the hub's certificate could not be checked ({reason}): ask the owner; sales are saved here meanwhile":
        "concentrador: no se pudo comprobar el certificado del concentrador ({reason}): avise al propietario; mientras "
        "tanto las ventas se guardan aquí",
    "hub: the hub at {host} cannot be reached (is the hub's PC on, and this till on the network?); sales are saved "
    "here and sent when it is back":
        "concentrador: no se puede contactar con el concentrador en {host} (¿está encendido su PC y esta caja en la "
        "red?); las ventas se guardan aquí y se enviarán cuando vuelva",
    "hub: the hub refused what this till sent ({reason}): ask the owner; sales are saved here meanwhile":
        "concentrador: el concentrador rechazó lo que envió esta caja ({reason}): avise al propietario; mientras "
        "tanto las ventas se guardan aquí",
    "hub: this till was revoked on the hub: if that was a mistake, the owner can join it again with a new join code; "
    "sales are saved here meanwhile":
        "concentrador: esta caja fue dada de baja en el concentrador: si fue un error, el propietario puede volver a "
        "unirla con un código nuevo; mientras tanto las ventas se guardan aquí",
    "demo: this counter belongs to a chain; demo data would reach every till":
        "demostración: esta caja forma parte de una cadena; los datos de demostración llegarían a todas las cajas",
    "demo: the shop already has members; demo data only goes into an empty shop":
        "demostración: la tienda ya tiene socios; los datos de demostración solo se cargan en una tienda vacía",
    "reason: say what to do, in at most 300 characters":
        "motivo: indique qué hay que hacer, en 300 caracteres como máximo",
    "outcome: say how it went (e.g. called, will come on Saturday)":
        "resultado: indique cómo fue (p. ej., llamado, vendrá el sábado)",
    "followup: no follow-up {followup_id}":
        "seguimiento: no existe el seguimiento {followup_id}",
    "followup: follow-up {followup_id} is already done":
        "seguimiento: el seguimiento {followup_id} ya está hecho",
    "consent: '{consent}' is not yes or no (sí/no, 1/0, x)":
        "consentimiento: '{consent}' no es sí ni no (sí/no, 1/0, x)",
    "card: '{card}' is not a card number (4 to 20 digits)":
        "tarjeta: '{card}' no es un número de tarjeta (de 4 a 20 cifras)",
    "external_id: at most 64 characters":
        "id de cliente: como máximo 64 caracteres",
    "joined: {clean} is not a plausible joining date":
        "fecha de alta: {clean} no es una fecha de alta verosímil",
    "same {label} as member {member_id} ({name})":
        "mismo {label} que el socio {member_id} ({name})",
    "joined: '{clean}' is not a date (23/04/2021 or 2021-04-23)":
        "fecha de alta: '{clean}' no es una fecha (23/04/2021 o 2021-04-23)",
    "same {label} as line {line}":
        "mismo {label} que la línea {line}",
    "card {card} is also on line {line}":
        "la tarjeta {card} también está en la línea {line}",
    "card {card} is already on file":
        "la tarjeta {card} ya está registrada",
    "file: no column that says whose sale it is (card, customer id or phone)":
        "archivo: no hay ninguna columna que diga de quién es la venta (tarjeta, id de cliente o teléfono)",
    "card: whose sale? no card, customer id or phone on this row":
        "tarjeta: ¿de quién es la venta? Esta fila no tiene tarjeta, id de cliente ni teléfono",
    "when: '{text}' is not a date and time (23/04/2024 18:30 or 2024-04-23 18:30)":
        "fecha: '{text}' no es una fecha y hora (23/04/2024 18:30 o 2024-04-23 18:30)",
    "when: {text} is too long ago":
        "fecha: {text} es demasiado antigua",
    "external_id: no member with customer id '{external_id}'":
        "id de cliente: ningún socio tiene el id de cliente '{external_id}'",
    "phone: {phone} matches no member":
        "teléfono: {phone} no corresponde a ningún socio",
    "phone: {phone} matches several members":
        "teléfono: {phone} corresponde a varios socios",
    "when: {text} does not exist in the calendar":
        "fecha: {text} no existe en el calendario",
    "when: {when} is in the future":
        "fecha: {when} es una fecha futura",
    "receipt {ref} of this member is also on line {line}":
        "el ticket {ref} de este socio también está en la línea {line}",
    "file: '{path}' is not a file":
        "archivo: '{path}' no es un archivo",
    "file: {file} is larger than {megabytes} MB":
        "archivo: {file} ocupa más de {megabytes} MB",
    "file: {file} is empty":
        "archivo: {file} está vacío",
    "file: {file} is not a text (CSV) file":
        "archivo: {file} no es un archivo de texto (CSV)",
    "file: no column for {missing} (the header has: {header})":
        "archivo: no hay columna para {missing} (la cabecera tiene: {header})",
    "file: {file} has no header line ({error})":
        "archivo: {file} no tiene línea de cabecera ({error})",
    "file: line {line} cannot be read ({error})":
        "archivo: la línea {line} no se puede leer ({error})",
    "points: {points} is more than the balance of {balance}":
        "puntos: {points} es más que el saldo de {balance}",
    "entry: no entry {entry_id}":
        "movimiento: no existe el movimiento {entry_id}",
    "entry: no entry '{text}'":
        "movimiento: no existe el movimiento '{text}'",
    "card_prefix: no free card numbers left with this prefix; choose another":
        "prefijo de tarjeta: no quedan números de tarjeta libres con este prefijo; elija otro",
    "name: required":
        "nombre: obligatorio",
    "name: at most {max_name_length} characters (got {length})":
        "nombre: como máximo {max_name_length} caracteres (tiene {length})",
    "name: contains control characters":
        "nombre: contiene caracteres de control",
    "phone: '{clean}' is not a phone number (6 to 15 digits, may start with +)":
        "teléfono: '{clean}' no es un número de teléfono (de 6 a 15 cifras; puede empezar por +)",
    "email: '{clean}' is not an email address":
        "correo electrónico: '{clean}' no es una dirección de correo electrónico",
    "birthday: '{clean}' is not a date; write 1990-04-23 or 23/04/1990":
        "fecha de nacimiento: '{clean}' no es una fecha; escriba 23/04/1990 o 1990-04-23",
    "birthday: {clean} is not a plausible birth date":
        "fecha de nacimiento: {clean} no es una fecha de nacimiento verosímil",
    "card: '{text}' is not a card number (4 to 20 digits)":
        "tarjeta: '{text}' no es un número de tarjeta (de 4 a 20 cifras)",
    "card: {number} is already on file":
        "tarjeta: {number} ya está registrada",
    "member: no member with id {member_id}":
        "socio: no existe ningún socio con id {member_id}",
    "{field}: card {number} is not on file":
        "{field}: la tarjeta {number} no está registrada",
    "{field}: card {number} belonged to a member whose data was erased":
        "{field}: la tarjeta {number} era de un socio cuyos datos se borraron",
    "{field}: card {number} was replaced by card {replaced_by}; use the new card":
        "{field}: la tarjeta {number} se sustituyó por la tarjeta {replaced_by}; use la tarjeta nueva",
    "{field}: card {number} is blocked ({name}); ask a manager":
        "{field}: la tarjeta {number} está bloqueada ({name}); consulte a un encargado",
    "notes: at most {max_notes_length} characters (got {length})":
        "notas: como máximo {max_notes_length} caracteres (tiene {length})",
    "birthday: {clean} does not exist in the calendar":
        "fecha de nacimiento: {clean} no existe en el calendario",
    "card: an imported card number is already on file or given twice":
        "tarjeta: un número de tarjeta importado ya está registrado o aparece dos veces",
    "{field}: enter an amount, e.g. {example}":
        "{field}: escriba un importe, p. ej. {example}",
    "{field}: the amount cannot be negative ({raw})":
        "{field}: el importe no puede ser negativo ({raw})",
    "{field}: '{raw}' is not an amount; use digits and one decimal comma or point":
        "{field}: '{raw}' no es un importe; use cifras y una sola coma o punto decimal",
    "{field}: {raw} is over the limit of {limit}":
        "{field}: {raw} supera el límite de {limit}",
    "{field}: {raw} is over the largest amount this shop takes, {limit} (the owner can raise it in Settings)":
        "{field}: {raw} supera el importe máximo de esta tienda, {limit} (el propietario puede subirlo en Configuración)",
    "{field}: the amount must be more than zero":
        "{field}: el importe debe ser mayor que cero",
    "{field}: '{raw}' is ambiguous; for thousands write {head}{fraction} or {head}{sep}{fraction}{other_sep}00, otherwise at most {decimals} decimals":
        "{field}: '{raw}' es ambiguo; si son miles, escriba {head}{fraction} o {head}{sep}{fraction}{other_sep}00; si no, como máximo {decimals} decimales",
    "{field}: this shop has sales on file in {currency} with {decimals} decimals; changing it would change what those amounts mean. A shop in another currency starts with a new database":
        "{field}: esta tienda tiene ventas registradas en {currency} con {decimals} decimales; cambiarlo cambiaría lo que significan esos importes. Una tienda en otra moneda empieza con una base de datos nueva",
    "{field}: '{raw}' is ambiguous; write {plain} or {grouped}":
        "{field}: '{raw}' es ambiguo; escriba {plain} o {grouped}",
    "{field}: '{raw}' has more than {decimals} decimals":
        "{field}: '{raw}' tiene más de {decimals} decimales",
    "{field}: '{raw}' has more than {decimals} decimal":
        "{field}: '{raw}' tiene más de {decimals} decimal",
    "{field}: '{raw}' is not an amount":
        "{field}: '{raw}' no es un importe",
    "{field}: '{raw}' is not an amount (check the separators)":
        "{field}: '{raw}' no es un importe (revise los separadores)",
    "enrolling members":
        "dar de alta socios",
    "recording sales":
        "registrar ventas",
    "redeeming points":
        "canjear puntos",
    "editing members":
        "editar socios",
    "follow-ups":
        "los seguimientos",
    "complaints":
        "las quejas",
    "the counter survey":
        "la encuesta del mostrador",
    "undoing your own last action":
        "deshacer su propia última operación",
    "refunds":
        "las devoluciones",
    "voiding entries":
        "anular movimientos",
    "adjusting points":
        "ajustar puntos",
    "compensation bonuses":
        "las bonificaciones de compensación",
    "blocking cards":
        "bloquear tarjetas",
    "re-issuing cards":
        "emitir tarjetas de sustitución",
    "changing the settings":
        "cambiar la configuración",
    "changing the tiers":
        "cambiar los niveles",
    "changing the rewards":
        "cambiar los premios",
    "changing the campaigns":
        "cambiar las campañas",
    "managing staff":
        "gestionar el personal",
    "exporting data":
        "exportar datos",
    "importing data":
        "importar datos",
    "the reports":
        "los informes",
    "the audit trail":
        "el registro de auditoría",
    "restoring a backup":
        "restaurar una copia de seguridad",
    "setting the survey's questions":
        "definir las preguntas de la encuesta",
    "erasing a member's personal data":
        "borrar los datos personales de un socio",
    "adjustments above the manager's limit":
        "los ajustes por encima del límite del encargado",
    "compensation above the manager's limit":
        "las compensaciones por encima del límite del encargado",
    "a cashier":
        "un cajero/a",
    "a manager":
        "un encargado/a",
    "an owner":
        "el propietario",
    "{action}: {what} needs {least} ({staff_id} is signed in as {role}); ask {least} to approve it":
        "{action}: para {what} hace falta {least} ({staff_id} ha iniciado sesión como {role}); pida que lo apruebe {least}",
    "{action}: sign in first ({what} needs a staff member's name and PIN)":
        "{action}: inicie sesión primero (para {what} hacen falta el nombre y el PIN de un miembro del personal)",
    "{field}: required":
        "{field}: obligatorio",
    "{field}: '{raw}' is not a whole number of points":
        "{field}: '{raw}' no es un número entero de puntos",
    "{field}: must be between 1 and {max_points_typed:,} (got {raw})":
        "{field}: debe estar entre 1 y {max_points_typed} (se recibió {raw})",
    "printer: no print system found (install CUPS: apt-get install cups)":
        "impresora: no se encuentra ningún sistema de impresión (instale CUPS: apt-get install cups)",
    "printer: '{printer}' refused the job: {reason}":
        "impresora: '{printer}' rechazó el trabajo: {reason}",
    "printer: the print queue did not answer within {timeout_seconds} s":
        "impresora: la cola de impresión no respondió en {timeout_seconds} s",
    "printer: pywin32 is missing; reinstall the app":
        "impresora: falta pywin32; vuelva a instalar la aplicación",
    "default":
        "predeterminada",
    "member: member {member_id}'s personal data was erased":
        "socio: los datos personales del socio {member_id} se han borrado",
    "reason: say why (e.g. the member asked on 2026-03-01)":
        "motivo: indique por qué (p. ej., el socio lo pidió el 2026-03-01)",
    "member: member {member_id} was already erased":
        "socio: el socio {member_id} ya estaba borrado",
    "{field}: must be a number above 0 and at most {maximum} (got '{text}')":
        "{field}: debe ser un número mayor que 0 y como máximo {maximum} (se recibió '{text}')",
    "{field}: at most 4 decimals (got '{text}')":
        "{field}: como máximo 4 decimales (se recibió '{text}')",
    "{name}: 1 to 80 characters":
        "{name}: de 1 a 80 caracteres",
    "{name}: no such setting (known: {known})":
        "{name}: no existe ese ajuste (los conocidos son: {known})",
    "tier: no tier '{code}' (known: {known})":
        "nivel: no existe el nivel '{code}' (los conocidos son: {known})",
    "min_spend: each tier must need more spend than the tier below it":
        "gasto mínimo: cada nivel debe pedir más gasto que el nivel anterior",
    "{field}: '{text}' is not a number such as 1.25":
        "{field}: '{text}' no es un número como 1.25",
    "{name}: must be between {low} and {high} (got {value})":
        "{name}: debe estar entre {low} y {high} (se recibió {value})",
    "card_prefix: 1 to 4 digits (got '{raw}')":
        "prefijo de tarjeta: de 1 a 4 cifras (se recibió '{raw}')",
    "{name}: one of {choices} (got '{raw}')":
        "{name}: uno de {choices} (se recibió '{raw}')",
    "{name}: at most 200 characters":
        "{name}: como máximo 200 caracteres",
    "language: one of {choices} (got '{raw}')":
        "idioma: uno de {choices} (se recibió '{raw}')",
    "logo_path: a PNG or JPEG file that exists, or empty (got '{text}')":
        "logotipo: un archivo PNG o JPEG que exista, o vacío (se recibió '{text}')",
    "scan_prefix: one character that is not a digit, or empty (got '{raw}')":
        "prefijo del escáner: un carácter que no sea una cifra, o vacío (se recibió '{raw}')",
    "currency: a three-letter ISO code such as EUR (got '{raw}')":
        "moneda: un código ISO de tres letras como EUR (se recibió '{raw}')",
    "min_spend: the base tier always starts at 0":
        "gasto mínimo: el nivel básico siempre empieza en 0",
    "colour: a colour such as #D4AF37 (got '{colour}')":
        "color: un color como #D4AF37 (se recibió '{colour}')",
    "{name}: '{raw}' is not a whole number":
        "{name}: '{raw}' no es un número entero",
    "timezone: '{raw}' is not a time zone such as Europe/Madrid":
        "zona horaria: '{raw}' no es una zona horaria como Europe/Madrid",
    "file: {file} is not a readable loyalty backup ({problem}); nothing was changed":
        "archivo: {file} no es una copia de seguridad legible del programa de fidelización ({problem}); no se ha cambiado nada",
    "database {db_path}: the backup could not be put in place ({error})":
        "base de datos {db_path}: no se pudo poner la copia en su lugar ({error})",
    "points: must be a whole number above 0 (got {points})":
        "puntos: debe ser un número entero mayor que 0 (se recibió {points})",
    "points: {points} is more than the balance of {balance}; nothing was redeemed":
        "puntos: {points} es más que el saldo de {balance}; no se ha canjeado nada",
    "idempotency key: already used for a different redemption; nothing was changed":
        "clave de la operación: ya se usó para otro canje; no se ha cambiado nada",
    "reward: '{name}' is no longer offered":
        "premio: '{name}' ya no se ofrece",
    "reward: '{name}' is out of stock":
        "premio: '{name}' está agotado",
    "to: {to_day} is before from: {from_day}":
        "hasta: {to_day} es anterior a desde: {from_day}",
    "to: a report covers at most ten years":
        "hasta: un informe abarca como máximo diez años",
    "month: '{text}' is not a month such as 2026-03":
        "mes: '{text}' no es un mes como 2026-03",
    "{name}: '{text}' is not a date such as 2026-03-01":
        "{name}: '{text}' no es una fecha como 2026-03-01",
    "points: the cost must be a whole number above 0 (got {points_cost})":
        "puntos: el coste debe ser un número entero mayor que 0 (se recibió {points_cost})",
    "stock: must be 0 or more, or left empty for unlimited (got {stock})":
        "existencias: debe ser 0 o más, o quedar vacío si no hay límite (se recibió {stock})",
    "reward: no reward {reward_id}":
        "premio: no existe el premio {reward_id}",
    "{field}: '{text}' is not a receipt reference (letters, digits, . _ / -; at most 64)":
        "{field}: '{text}' no es una referencia de ticket (letras, cifras, . _ / -; como máximo 64)",
    "amount: the sale amount must be more than zero":
        "importe: el importe de la venta debe ser mayor que cero",
    "ref: receipt {receipt_ref} is already recorded for this member with another amount ({recorded}); nothing was changed":
        "ticket: el ticket {receipt_ref} ya está registrado para este socio con otro importe ({recorded}); no se ha cambiado nada",
    "amount: the refund amount must be more than zero":
        "importe: el importe de la devolución debe ser mayor que cero",
    "ref: the original sale's receipt reference is required for a refund":
        "ticket: para una devolución hace falta la referencia del ticket de la venta original",
    "ref: receipt {ref} is already fully refunded":
        "ticket: el ticket {ref} ya está devuelto por completo",
    "amount: only {left} of receipt {ref} is left to refund (asked {asked})":
        "importe: del ticket {ref} solo quedan {left} por devolver (se pidieron {asked})",
    "ref: no sale with receipt {ref} for card {card}":
        "ticket: no hay ninguna venta con el ticket {ref} para la tarjeta {card}",
    "refund_ref: refund {refund_ref} is already recorded with another amount":
        "devolución: la devolución {refund_ref} ya está registrada con otro importe",
    "refund_ref: refund {refund_ref} was reversed; give a new refund another reference":
        "devolución: la devolución {refund_ref} se anuló; dé otra referencia a la nueva devolución",
    "segment: one of {choices} (got '{name}')":
        "segmento: uno de {choices} (se recibió '{name}')",
    "{field}: 0 or more (got {number})":
        "{field}: 0 o más (se recibió {number})",
    "value: an RFM segment: {choices} (got '{value}')":
        "valor: un segmento RFM: {choices} (se recibió '{value}')",
    "{field}: a whole number is needed (got '{value}')":
        "{field}: hace falta un número entero (se recibió '{value}')",
    "owner: the first start creates the owner's account":
        "propietario: la cuenta del propietario se crea en el primer inicio",
    "owner: the shop already has its owner (add staff in Settings)":
        "propietario: la tienda ya tiene propietario (añada personal en Configuración)",
    "settings: not part of the setup: {unknown}":
        "configuración: no forma parte de la puesta en marcha: {unknown}",
    "pin: a PIN of 4 to 8 digits, or a password of at least 8 characters":
        "PIN: un PIN de 4 a 8 cifras o una contraseña de al menos 8 caracteres",
    "pin: a password has at most 128 characters":
        "PIN: una contraseña tiene como máximo 128 caracteres",
    "name: 1 to 40 printable characters":
        "nombre: de 1 a 40 caracteres imprimibles",
    "name: '{clean}' is reserved":
        "nombre: '{clean}' está reservado",
    "role: one of {choices} (got '{role}')":
        "función: una de {choices} (se recibió '{role}')",
    "name: no staff member called '{name}'":
        "nombre: nadie del personal se llama '{name}'",
    "role: {name} is the only owner; make someone else owner first":
        "función: {name} es el único propietario; nombre antes a otra persona propietaria",
    "approver: {name} is {role} and cannot approve this":
        "autorización: {name} es {role} y no puede aprobar esto",
    "name: no active staff member called '{name}'":
        "nombre: nadie del personal en activo se llama '{name}'",
    "pin: a PIN has 4 to 8 digits":
        "PIN: un PIN tiene de 4 a 8 cifras",
    "role: the first account of a shop is its owner":
        "función: la primera cuenta de una tienda es la de su propietario",
    "name: there is already a staff member called '{clean_name}'":
        "nombre: ya hay alguien del personal que se llama '{clean_name}'",
    "pin: too many wrong tries; {name}'s account is locked for {count} more minute":
        "PIN: demasiados intentos fallidos; la cuenta de {name} está bloqueada {count} minuto más",
    "pin: too many wrong tries; {name}'s account is locked for {count} more minutes":
        "PIN: demasiados intentos fallidos; la cuenta de {name} está bloqueada {count} minutos más",
    "pin: wrong PIN or password {max_tries} times; {name}'s account is locked for {lock_minutes} minutes":
        "PIN: PIN o contraseña incorrectos {max_tries} veces; la cuenta de {name} queda bloqueada {lock_minutes} minutos",
    "pin: wrong PIN or password ({count} try left before the account locks)":
        "PIN: PIN o contraseña incorrectos (queda {count} intento antes de que se bloquee la cuenta)",
    "pin: wrong PIN or password ({count} tries left before the account locks)":
        "PIN: PIN o contraseña incorrectos (quedan {count} intentos antes de que se bloquee la cuenta)",
    "another program is holding the database; try again in a moment":
        "otro programa está usando la base de datos; inténtelo de nuevo en un momento",
    "the disk is full; free some space":
        "el disco está lleno; libere algo de espacio",
    "the database file is read-only; check its permissions":
        "el archivo de la base de datos es de solo lectura; revise sus permisos",
    "the file is damaged or is not a database; restore a backup":
        "el archivo está dañado o no es una base de datos; restaure una copia de seguridad",
    "the disk reported an error; check it and restore a backup if needed":
        "el disco ha dado un error; revíselo y, si hace falta, restaure una copia de seguridad",
    "the folder does not exist or cannot be written":
        "la carpeta no existe o no se puede escribir en ella",
    "it is on a network share":
        "está en una carpeta compartida de red",
    "drive {drive} is a network drive":
        "la unidad {drive} es una unidad de red",
    "{mount} is a network file system ({fs_type})":
        "{mount} es un sistema de archivos de red ({fs_type})",
    "database {path}: it was written by a newer version of this app (schema {version}; this version understands up to {schema_version}). Install the newer version; nothing was changed.":
        "base de datos {path}: la escribió una versión más reciente de esta aplicación (esquema {version}; esta versión entiende hasta el {schema_version}). Instale la versión más reciente; no se ha cambiado nada.",
    "database {path}: this file is not a loyalty database; nothing was changed.":
        "base de datos {path}: este archivo no es una base de datos del programa de fidelización; no se ha cambiado nada.",
    "database {path}: {reason}. SQLite's write-ahead log needs the database on a local disk of this PC; put it there (other counters must not open it over the network).":
        "base de datos {path}: {reason}. El registro de escritura anticipada de SQLite necesita la base de datos en un disco local de este PC; guárdela allí (los demás mostradores no deben abrirla por la red).",
    "database {path}: cannot be opened ({reason})":
        "base de datos {path}: no se puede abrir ({reason})",
    "database {path}: cannot be created ({reason})":
        "base de datos {path}: no se puede crear ({reason})",
    "database: {reason}":
        "base de datos: {reason}",
    "database: {reason}; nothing was saved":
        "base de datos: {reason}; no se ha guardado nada",
    "database: writing stopped because {problem}; nothing more was saved. Close the program and open it again (what it saved before is safe).":
        "base de datos: se dejó de escribir porque {problem}; no se ha guardado nada más. Cierre el programa y vuelva a abrirlo (lo que guardó antes está a salvo).",
    "{file} was deleted while this program had it open":
        "{file} se borró mientras este programa lo tenía abierto",
    "{file} was replaced while this program had it open":
        "{file} se reemplazó mientras este programa lo tenía abierto",
    "this program no longer holds its lock on {file} (something in it opened and closed the file)":
        "este programa ya no tiene su bloqueo sobre {file} (algo dentro de él abrió y cerró el archivo)",
    "{field}: {path} is the shop's database (or one of SQLite's files beside it); choose another file":
        "{field}: {path} es la base de datos de la tienda (o uno de los archivos de SQLite que la acompañan); elija otro archivo",
    "questions: at most {max_questions} (got {count})":
        "preguntas: como máximo {max_questions} (se recibieron {count})",
    "questions: only one NPS question":
        "preguntas: solo una pregunta NPS",
    "{field}: a text of 1 to 200 characters":
        "{field}: un texto de 1 a 200 caracteres",
    "{field}: kind is one of {choices} (got '{kind}')":
        "{field}: el tipo es uno de {choices} (se recibió '{kind}')",
    "{field}: a choice needs 2 to 8 different options":
        "{field}: una pregunta de opciones necesita de 2 a 8 opciones distintas",
    "{field}: the NPS question is a 0-10 scale":
        "{field}: la pregunta NPS es una escala de 0 a 10",
    "answers: at least one question answered":
        "respuestas: al menos una pregunta respondida",
    "question {question_id}: not a question of the survey":
        "pregunta {question_id}: no es una pregunta de la encuesta",
    "question {position}":
        "pregunta {position}",
    "{field}: at most 200 characters":
        "{field}: como máximo 200 caracteres",
    "{field}: a number from 0 to 10 (got '{text}')":
        "{field}: un número del 0 al 10 (se recibió '{text}')",
    "{field}: yes or no (got '{text}')":
        "{field}: sí o no (se recibió '{text}')",
    "{field}: one of {choices} (got '{text}')":
        "{field}: una de {choices} (se recibió '{text}')",
    # Fraud flags (reports/fraud.py): what each flag found.
    "{count} entry crediting their own card": "{count} movimiento a favor de su propia tarjeta",
    "{count} entries crediting their own card": "{count} movimientos a favor de su propia tarjeta",
    "{count} sale within {minutes} minutes": "{count} compra en {minutes} minutos",
    "{count} sales within {minutes} minutes": "{count} compras en {minutes} minutos",
    "{count} point credited by hand; the others' median is {median}":
        "{count} punto abonado a mano; la mediana de los demás es {median}",
    "{count} points credited by hand; the others' median is {median}":
        "{count} puntos abonados a mano; la mediana de los demás es {median}",
    "a large earn redeemed within {hours} hours": "una compra grande canjeada en menos de {hours} horas",
    "{count} upgrade carried over a threshold by a small sale":
        "{count} subida de nivel lograda con una compra pequeña justo en el umbral",
    "{count} upgrades carried over a threshold by a small sale":
        "{count} subidas de nivel logradas con una compra pequeña justo en el umbral",
    # Notes the app writes beside entries and follow-ups (notes.py), as the screens and slips show them.
    "refund": "devolución",
    "discount": "descuento",
    "undo at the counter": "anulado en la caja",
    "void": "anulación",
    "counter survey": "encuesta en la caja",
    "opening balance (import)": "saldo inicial (importación)",
    "referred by a member": "recomendado por un socio",
    "referred member {card}": "socio recomendado {card}",
    "merged into card {card}": "unido a la tarjeta {card}",
    "merged from card {card}": "unido desde la tarjeta {card}",
    "merge with card {card} undone": "unión con la tarjeta {card} deshecha",
    "card: {card} is not a member merged into another": "tarjeta: {card} no es de un socio unido a otro",
    "birthday {year}": "cumpleaños {year}",
    "points of entry {entry} expired": "caducaron los puntos del movimiento {entry}",
    "complaint {complaint}": "queja {complaint}",
    "Complaint {complaint} ({category}) was resolved: ask whether they are satisfied now":
        "La queja {complaint} ({category}) se resolvió: pregunte si ahora está satisfecho",
    "Regular customer, usually every {interval} days, last came {days} days ago: call this week":
        "Cliente habitual, suele venir cada {interval} días y vino por última vez hace {days} días: llamar esta semana",
    "Campaign '{name}' starts on {day}: tell the members who agreed to marketing contact "
    "(loyalty segment ... --contacts)":
        "La campaña «{name}» empieza el {day}: avise a los socios que aceptaron recibir publicidad "
        "(loyalty segment ... --contacts)",
    "{count} point expires on {day}: remind them": "{count} punto caduca el {day}: recuérdeselo",
    "{count} points expire on {day}: remind them": "{count} puntos caducan el {day}: recuérdeselo",
    # A counter joined to a hub (loyalty join, loyalty sync)
    "hub: this counter's hub password is missing; join again with a new code":
        "concentrador: falta la contraseña del concentrador de esta caja; únase de nuevo con un código nuevo",
    "join code: this counter has joined the chain {chain} already (store {store})":
        "código de unión: esta caja ya se unió a la cadena {chain} (tienda {store})",
    "join code: it was made for another till; this counter has its own history, so ask for a code made with "
    "--device-id {device_id}":
        "código de unión: se hizo para otra caja; esta caja tiene su propio historial, así que pida un código "
        "hecho con --device-id {device_id}",
    "join code: the hub already holds another shop's members and this counter has {count} of its own: joining "
    "merges the two shops' members; if that is what you want, confirm it (loyalty join --merge-shops)":
        "código de unión: el concentrador ya tiene los socios de otra tienda y esta caja tiene {count} propios: "
        "unirse junta los socios de las dos tiendas; si es lo que quiere, confírmelo (loyalty join --merge-shops)",
    "hub: cannot reach the hub at {host}:{port} ({reason})":
        "concentrador: no se puede llegar al concentrador en {host}:{port} ({reason})",
    "hub: the hub refused this counter ({reason})":
        "concentrador: el concentrador rechazó esta caja ({reason})",
    "hub: this counter has not joined a hub (loyalty join CODE)":
        "concentrador: esta caja no se ha unido a ningún concentrador (loyalty join CÓDIGO)",
    "hub: the hub has {hub} entries from this counter but this file has only {have}: it is older than what it "
    "sent (restored from a backup?). Join this counter again as a new one (loyalty hub add-counter) before it "
    "posts anything more":
        "concentrador: el concentrador tiene {hub} movimientos de esta caja pero este archivo solo {have}: es "
        "anterior a lo que envió (¿restaurado de una copia?). Una esta caja de nuevo como caja nueva (loyalty hub "
        "add-counter) antes de que registre nada más",
    "merging two members into one": "unir dos socios en uno",
    "other: card {card} is the same member as the one to keep":
        "otro socio: la tarjeta {card} es del mismo socio que el que se conserva",
    "first download: {done} of about {total} entries fetched from the hub":
        "primera descarga: {done} de unos {total} movimientos traídos del concentrador",
    "first download: {done} of {total} members taken in": "primera descarga: {done} de {total} socios recibidos",
    "first download: writing the entries": "primera descarga: guardando los movimientos",
    "first download: indexing them": "primera descarga: indexándolos",
    "first download: the report totals": "primera descarga: los totales de los informes",
    "first download: sealing the entries": "primera descarga: sellando los movimientos",
    "first download: {done} of {total} members derived": "primera descarga: {done} de {total} socios calculados",
    "first download: {done} entries taken in": "primera descarga: {done} movimientos incorporados",
    "hub: the sync stopped ({reason}); it resumes from where it was next time":
        "concentrador: la sincronización se detuvo ({reason}); la próxima vez sigue desde donde quedó",
    "points: this counter has not reached the hub {since}; until it does, a member may redeem at most {limit} "
    "points a day here ({used} already today)":
        "puntos: esta caja no conecta con el concentrador {since}; hasta que lo haga, un socio puede canjear "
        "como mucho {limit} puntos al día aquí ({used} ya hoy)",
    "since {moment}": "desde el {moment}",
    "since it joined": "desde que se unió",
    "{count} redemption at tills out of touch took the balance below zero":
        "{count} canje en cajas sin conexión dejó el saldo por debajo de cero",
    "{count} redemptions at tills out of touch took the balance below zero":
        "{count} canjes en cajas sin conexión dejaron el saldo por debajo de cero",
    # The chain's hub (loyalty/chain/, loyalty hub ...)
    "dsn: give the hub's connection string (--dsn or $LOYALTY_HUB_DSN)":
        "dsn: indique la cadena de conexión del concentrador (--dsn o $LOYALTY_HUB_DSN)",
    "hub: its schema is version {found}, newer than this app knows ({known}): upgrade the app first":
        "concentrador: su esquema es la versión {found}, más nueva de la que conoce esta aplicación ({known}): "
        "actualice primero la aplicación",
    "hub: not initialised or older than this app (version {found} of {known}): run loyalty hub init first":
        "concentrador: sin inicializar o más antiguo que esta aplicación (versión {found} de {known}): "
        "ejecute primero loyalty hub init",
    "code: '{code}' must be 1 to 16 letters or digits":
        "código: '{code}' debe tener de 1 a 16 letras o cifras",
    "dsn: not a connection string ({reason})":
        "dsn: no es una cadena de conexión ({reason})",
    "dsn: the hub refused this login: a wrong user name or password ({reason})":
        "dsn: el concentrador rechazó este acceso: usuario o contraseña incorrectos ({reason})",
    "dsn: cannot connect to the hub ({reason})":
        "dsn: no se puede conectar con el concentrador ({reason})",
    "dsn: {user} may not do this on the hub ({reason})":
        "dsn: {user} no puede hacer esto en el concentrador ({reason})",
    "dsn: the hub needs PostgreSQL 14 or newer (this server is {version})":
        "dsn: el concentrador necesita PostgreSQL 14 o posterior (este servidor es {version})",
    "dsn: the hub's database must be UTF8 (it is {encoding})":
        "dsn: la base de datos del concentrador debe ser UTF8 (es {encoding})",
    "code: the store {code} is already on the hub":
        "código: la tienda {code} ya está en el concentrador",
    "user: give the hub owner's user name": "usuario: indique el usuario del propietario del concentrador",
    "hub: this till has joined a hub already": "concentrador: esta caja ya se unió a un concentrador",
    "hub: this PC keeps a hub already, in {folder}": "concentrador: este PC ya guarda un concentrador, en {folder}",
    "hub: this PC's hub did not start ({reason})": "concentrador: el concentrador de este PC no arrancó ({reason})",
    "port: a number from 1 to 65535": "puerto: un número del 1 al 65535",
    "join code: the hub at {host}:{port} is not the one this code was made for (its certificate differs); nothing "
    "was joined: check the address, or ask the owner for a new code":
        "código de unión: el concentrador en {host}:{port} no es aquel para el que se hizo este código (su certificado "
        "es otro); no se unió nada: compruebe la dirección o pida al propietario un código nuevo",
    "hub: this PC does not keep the hub; add the till on the PC that does, or with loyalty hub add-counter --dsn":
        "concentrador: este PC no guarda el concentrador; añada la caja en el PC que lo guarda, o con loyalty hub "
        "add-counter --dsn",
    "hub: this PC's hub cannot listen on port {port} ({reason}); another program uses it":
        "concentrador: el concentrador de este PC no puede escuchar en el puerto {port} ({reason}); lo usa otro "
        "programa",
    "join code: the hub refused it: it was used already, or its till was revoked; ask the owner for a new code":
        "código de unión: el concentrador lo rechazó: ya se usó o su caja se dio de baja; pida al propietario un "
        "código nuevo",
    "hub: this PC keeps no hub (Settings → Shops and tills → This PC keeps the shop's hub)":
        "concentrador: este PC no guarda ningún concentrador (Ajustes → Tiendas y cajas → Este PC guarda el "
        "concentrador de la tienda)",
    "{field}: give the server's {field}": "{field}: indique el dato «{field}» del servidor",
    "hub: this PC keeps no hub to back up": "concentrador: este PC no guarda ningún concentrador que copiar",
    "hub: this PC keeps no hub to restore": "concentrador: este PC no guarda ningún concentrador que restaurar",
    "backup: {name} is not a backup of this PC's hub": "copia: {name} no es una copia del concentrador de este PC",
    "hub: {program} failed ({reason})": "concentrador: {program} falló ({reason})",
    "store: give --store CODE or --by-store, not both": "tienda: indique --store CÓDIGO o --by-store, no ambos",
    "store: this counter belongs to no chain; its report is the whole shop's":
        "tienda: esta caja no pertenece a ninguna cadena; su informe es el de toda la tienda",
    "store: no store {code} in this chain (known here: {known})":
        "tienda: no hay ninguna tienda {code} en esta cadena (conocidas aquí: {known})",
    "store: no store {code} on the hub (add it with loyalty hub add-store)":
        "tienda: no hay ninguna tienda {code} en el concentrador (añádala con loyalty hub add-store)",
    "name: a counter called {name} is already on the hub (revoke it first to give the name to a reinstalled till)":
        "nombre: ya hay una caja llamada {name} en el concentrador (dela de baja primero para dar el nombre a una caja "
        "reinstalada)",
    "device id: {device_id} is already registered (as {name})":
        "id de dispositivo: {device_id} ya está registrado (como {name})",
    "device id: '{text}' is not a UUID":
        "id de dispositivo: '{text}' no es un UUID",
    "name: no counter called {name} on the hub":
        "nombre: no hay ninguna caja llamada {name} en el concentrador",
    "join code: not a join code (it starts with {prefix})":
        "código de alta: no es un código de alta (empieza por {prefix})",
    "join code: damaged (copy it again, whole)":
        "código de alta: dañado (cópielo de nuevo, entero)",
    "join code: {field} is missing or wrong":
        "código de alta: falta {field} o es incorrecto",
    "join code: expired on {moment} UTC; ask the hub's owner for a new one":
        "código de alta: caducó el {moment} UTC; pida uno nuevo al propietario del concentrador",
    "join code: it is for the chain {theirs}, but this counter belongs to the chain {ours}":
        "código de alta: es de la cadena {theirs}, pero esta caja pertenece a la cadena {ours}",
    "join code: cannot read the file ({reason})":
        "código de alta: no se puede leer el archivo ({reason})",
    "created_at: the time has no time zone":
        "created_at: la hora no tiene zona horaria",
    "entry: unknown field {field}":
        "movimiento: campo desconocido {field}",
    "{field}: '{value}' is not a lowercase UUID":
        "{field}: '{value}' no es un UUID en minúsculas",
    "{field}: '{value}' is not a whole number":
        "{field}: '{value}' no es un número entero",
    "{field}: '{value}' is not a UTC time such as 2026-03-01T10:30:00.000000Z":
        "{field}: '{value}' no es una hora UTC como 2026-03-01T10:30:00.000000Z",
    "{field}: not text (or holds a NUL character)":
        "{field}: no es texto (o contiene un carácter NUL)",
}

# A field's name where a message's prefix is a placeholder ("{field}: required"): the field, the
# setting or the protected action as the person at the counter calls it.
FIELDS = {
    "amount": "importe",
    "bought": "compra",
    "card": "tarjeta",
    "keep": "socio que se conserva",
    "other": "otro socio",
    "days": "días",
    "description": "descripción",
    "min_spend": "gasto mínimo",
    "multiplier": "multiplicador",
    "points": "puntos",
    "ref": "ticket",
    "referrer": "socio que recomienda",
    "refund_ref": "devolución",
    "resolution": "resolución",
    "due": "fecha prevista",
    "starts_on": "inicio",
    "ends_on": "fin",
    "from": "desde",
    "to": "hasta",
    "name": "nombre",
    "phone": "teléfono",
    "email": "correo electrónico",
    "external_id": "id de cliente",
    "row": "fila",
    "text": "texto",
    "value": "valor",
    "since": "desde",
    "answers": "respuestas",
    "questions": "preguntas",
    "file": "archivo",
    "folder": "carpeta",
    "reason": "motivo",
    "outcome": "resultado",
    "pin": "PIN",
    "role": "función",
    "member": "socio",
    "notes": "notas",
    "birthday": "fecha de nacimiento",
    "marketing_consent": "consentimiento publicitario",
    "profiling_consent": "consentimiento de perfiles",
    "min_spend_cents": "gasto mínimo",
    "points_cost": "coste en puntos",
    "format": "formato",
    "joined": "fecha de alta",
    "consent": "consentimiento",
    "when": "fecha",
    "reward": "premio",
    "stock": "existencias",
    "tier": "nivel",
    "colour": "color",
    "kind": "tipo",
    "entry": "movimiento",
    "campaign": "campaña",
    "weekdays": "días de la semana",
    "complaint": "queja",
    "category": "categoría",
    "status": "estado",
    "followup": "seguimiento",
    "segment": "segmento",
    "month": "mes",
    "csv": "CSV",
    "xlsx": "XLSX",
    "shop_name": "nombre de la tienda",
    "language": "idioma",
    "logo_path": "logotipo",
    "currency": "moneda",
    "currency_decimals": "decimales de la moneda",
    "max_amount": "importe máximo",
    "timezone": "zona horaria",
    "earn_rate": "puntos por unidad",
    "points_per_currency_unit": "puntos por unidad de moneda al canjear",
    "expiry_months": "meses de caducidad",
    "tier_window_days": "días que cuentan para el nivel",
    "tier_grace_days": "días de gracia del nivel",
    "welcome_bonus": "bonificación de bienvenida",
    "lock_after_minutes": "bloqueo tras minutos sin uso",
    "survey_bonus": "bonificación de la encuesta",
    "complaint_points_limit": "límite de puntos por queja",
    "manager_points_limit": "límite de puntos del encargado",
    "offline_after_minutes": "minutos sin concentrador para limitar los canjes",
    "offline_redeem_points": "puntos canjeables al día sin concentrador",
    "birthday_bonus": "bonificación de cumpleaños",
    "referral_bonus": "bonificación por recomendación",
    "card_prefix": "prefijo de tarjeta",
    "scan_min_length": "longitud mínima del escaneo",
    "scan_prefix": "prefijo del escáner",
    "scan_max_gap_ms": "pausa máxima del escáner (ms)",
    "card_printer": "impresora de tarjetas",
    "card_paper": "papel de tarjetas",
    "receipt_printer": "impresora de tickets",
    "receipt_width": "ancho del ticket",
    "receipt_format": "formato del ticket",
    "auto_print_receipt": "imprimir el ticket automáticamente",
    "backup_folder": "carpeta de copias de seguridad",
    "enrol": "alta de socios",
    "sale": "venta",
    "redeem": "canje",
    "edit_member": "edición de socios",
    "undo_own": "deshacer",
    "followups": "seguimientos",
    "complaints": "quejas",
    "survey": "encuesta",
    "refund": "devolución",
    "void": "anulación",
    "adjust": "ajuste de puntos",
    "compensate": "compensación",
    "block_card": "bloqueo de tarjeta",
    "reissue_card": "sustitución de tarjeta",
    "settings": "configuración",
    "tiers": "niveles",
    "rewards": "premios",
    "campaigns": "campañas",
    "staff": "personal",
    "export": "exportación",
    "import": "importación",
    "reports": "informes",
    "audit": "auditoría",
    "restore": "restauración",
    "survey_setup": "preguntas de la encuesta",
    "erase": "borrado de datos personales",
    "merge_members": "unión de dos socios",
    "adjust_over_limit": "ajuste por encima del límite",
    "compensate_over_limit": "compensación por encima del límite",
}
