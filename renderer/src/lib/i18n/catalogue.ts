/**
 * The one catalogue of every string the user reads. French is the source:
 * `fr` defines the keys and `en` must have exactly the same ones (a missing or
 * extra English key is a type error). Placeholders are `{name}`; every
 * ErrorCode of the contract has a `.message` and a `.hint`.
 */
import type { ErrorCode } from '$shared/contract/index.ts';

type ErrorKey = `error.${ErrorCode}.${'message' | 'hint'}`;

export const fr = {
  'app.name': 'Cartable',
  'app.loading': 'Chargement…',
  'app.skipToContent': 'Aller au contenu',
  'app.retry': 'Réessayer',
  'app.accountsFailed': 'La liste de vos comptes n’a pas pu être chargée.',
  'connection.lost': 'Connexion au moteur de Cartable interrompue. Nouvelle tentative en cours…',

  'nav.label': 'Navigation principale',
  'nav.mail': 'Courrier',
  'nav.calendar': 'Agenda',
  'nav.contacts': 'Contacts',
  'nav.archive': 'Archives',
  'nav.settings': 'Réglages',

  'soon.title': 'Bientôt disponible',
  'soon.calendar': 'L’agenda de l’établissement arrivera dans une prochaine version de Cartable.',
  'soon.contacts': 'Les carnets d’adresses arriveront dans une prochaine version de Cartable.',
  'soon.archive': 'L’archivage des années scolaires arrivera dans une prochaine version de Cartable.',

  'service.imap': 'Messagerie (IMAP)',
  'service.smtp': 'Envoi (SMTP)',
  'service.dav': 'Agenda et contacts (DAV)',
  'service.imap.server': 'le serveur de messagerie',
  'service.smtp.server': 'le serveur d’envoi',
  'service.dav.server': 'le serveur d’agenda et de contacts',
  'service.any.server': 'le serveur',
  'security.tls': 'TLS (SSL)',
  'security.starttls': 'STARTTLS',
  'detail.unknown': 'inconnu',

  'error.INVALID_PARAMS.message': 'Certaines informations saisies n’ont pas été acceptées.',
  'error.INVALID_PARAMS.hint': 'Vérifiez l’adresse, les noms de serveurs et les ports, puis réessayez.',
  'error.UNKNOWN_METHOD.message': 'Cette action n’est pas reconnue par Cartable.',
  'error.UNKNOWN_METHOD.hint':
    'L’interface et le moteur de Cartable ne sont peut-être pas à la même version : redémarrez Cartable. Si cela continue, prévenez l’assistance informatique.',
  'error.INTERNAL.message': 'Une erreur inattendue s’est produite dans Cartable.',
  'error.INTERNAL.hint':
    'Réessayez. Si le problème revient, redémarrez Cartable et prévenez l’assistance informatique.',
  'error.AUTH_FAILED.message': 'Le mot de passe a été refusé par {service}.',
  'error.AUTH_FAILED.hint':
    'Vérifiez l’identifiant et le mot de passe : respectez les majuscules et les accents, et vérifiez que la touche Verr. Maj. n’est pas activée.',
  'error.HOST_NOT_FOUND.message': 'Le serveur « {host} » est introuvable.',
  'error.HOST_NOT_FOUND.hint':
    'Vérifiez l’orthographe du nom du serveur et que l’ordinateur est bien connecté à Internet.',
  'error.PORT_CLOSED.message': 'Le serveur « {host} » ne répond pas sur le port {port}.',
  'error.PORT_CLOSED.hint':
    'Vérifiez le numéro de port et le type de sécurité. Le pare-feu de l’établissement peut aussi bloquer ce port : demandez à l’assistance informatique.',
  'error.TIMEOUT.message': 'Le serveur met trop de temps à répondre.',
  'error.TIMEOUT.hint': 'La connexion est peut-être lente ou coupée. Réessayez dans quelques instants.',
  'error.NETWORK.message': 'La connexion a été interrompue.',
  'error.NETWORK.hint': 'Vérifiez que l’ordinateur est connecté au réseau, puis réessayez.',
  'error.TLS_UNTRUSTED.message':
    'Le certificat de sécurité du serveur « {host} » (port {port}) n’est pas reconnu.',
  'error.TLS_UNTRUSTED.hint':
    'Ne faites confiance à ce certificat que si l’assistance informatique vous confirme son empreinte : {fingerprint}.',
  'error.TLS_CHANGED.message':
    'Attention : le certificat de sécurité du serveur « {host} » (port {port}) a changé depuis votre dernière connexion.',
  'error.TLS_CHANGED.hint':
    'Ce peut être un renouvellement normal, mais aussi une tentative d’interception. Faites vérifier la nouvelle empreinte ({fingerprint}) par l’assistance informatique avant d’accepter ; l’ancienne était {previous}.',
  'error.TLS_UNAVAILABLE.message':
    'Le serveur « {host} » (port {port}) ne propose pas de connexion sécurisée.',
  'error.TLS_UNAVAILABLE.hint':
    'Cartable n’envoie jamais un mot de passe sans chiffrement. Essayez l’autre type de sécurité (TLS ou STARTTLS) avec son port habituel, ou demandez les bons réglages à l’assistance informatique.',
  'error.PROTOCOL_ERROR.message': 'Le serveur a répondu de façon inattendue.',
  'error.PROTOCOL_ERROR.hint':
    'Vérifiez que le serveur et le port correspondent bien au bon service (réception IMAP, envoi SMTP). Si c’est le cas, prévenez l’assistance informatique.',
  'error.DAV_NOT_FOUND.message': 'Aucun agenda ni carnet d’adresses n’a été trouvé à cette adresse.',
  'error.DAV_NOT_FOUND.hint':
    'Vérifiez l’adresse de l’agenda dans « Paramètres avancés », ou effacez-la pour n’utiliser que la messagerie.',
  'error.DISCOVERY_FAILED.message': 'Les réglages de ce compte n’ont pas pu être trouvés automatiquement.',
  'error.DISCOVERY_FAILED.hint':
    'Vérifiez votre adresse, choisissez votre académie dans la liste, ou saisissez les serveurs donnés par l’assistance informatique.',
  'error.ACCOUNT_NOT_FOUND.message': 'Ce compte n’existe plus dans Cartable.',
  'error.ACCOUNT_NOT_FOUND.hint':
    'Il a peut-être déjà été supprimé. Rouvrez les Réglages pour voir vos comptes.',
  'error.ACCOUNT_EXISTS.message': 'Ce compte est déjà configuré dans Cartable.',
  'error.ACCOUNT_EXISTS.hint':
    'Vous le retrouvez dans les Réglages. Pour changer ses réglages, supprimez-le puis ajoutez-le de nouveau.',
  'error.SECRET_STORE_UNAVAILABLE.message':
    'Le trousseau sécurisé de l’ordinateur est inaccessible : le mot de passe ne peut pas être enregistré.',
  'error.SECRET_STORE_UNAVAILABLE.hint':
    'Cartable ne garde jamais un mot de passe ailleurs. Fermez puis rouvrez votre session ; si cela continue, prévenez l’assistance informatique.',
  'error.DB_NEWER_VERSION.message':
    'Vos données ont été enregistrées par une version plus récente de Cartable (format {found} ; cette version lit jusqu’au format {supported}).',
  'error.DB_NEWER_VERSION.hint':
    'Installez la dernière version de Cartable. Ne supprimez pas vos données : elles sont intactes.',
  'error.DISK_FULL.message': 'Le disque de l’ordinateur est plein.',
  'error.DISK_FULL.hint':
    'Libérez de la place (par exemple en vidant la corbeille de l’ordinateur), puis réessayez.',

  'wizard.title': 'Ajouter un compte',
  'wizard.intro':
    'Saisissez votre adresse académique et votre mot de passe : Cartable trouve les réglages pour vous.',
  'wizard.progress': 'Étape {current} sur {total}',
  'wizard.cancel': 'Annuler',
  'wizard.presets.legend': 'Votre académie',
  'wizard.presets.loading': 'Chargement des académies…',
  'wizard.presets.failed':
    'La liste des académies n’a pas pu être chargée ; vous pouvez continuer avec votre adresse.',
  'wizard.presets.domains': 'Adresses en @{domains}',
  'wizard.presets.other': 'Autre serveur',
  'wizard.presets.otherHint': 'Saisir les serveurs à la main',
  'wizard.name': 'Votre nom',
  'wizard.nameHint': 'Tel qu’il apparaîtra à vos correspondants.',
  'wizard.email': 'Adresse électronique',
  'wizard.password': 'Mot de passe',
  'wizard.passwordHint': 'Il est gardé dans le trousseau sécurisé de l’ordinateur, jamais en clair.',
  'wizard.continue': 'Continuer',
  'wizard.discovering': 'Recherche des réglages de votre compte…',
  'wizard.servers.title': 'Réglages du compte',
  'wizard.source.preset': 'Réglages prévus par votre académie ({label}).',
  'wizard.source.autoconfig': 'Réglages publiés par le service de messagerie de votre domaine.',
  'wizard.source.srv': 'Réglages trouvés dans l’annuaire du domaine (enregistrements DNS).',
  'wizard.source.guess': 'Réglages devinés à partir de votre adresse : la connexion dira s’ils sont justes.',
  'wizard.source.manual': 'Saisissez les réglages donnés par l’assistance informatique.',
  'wizard.summary.endpoint': '{host}, port {port}, {security}',
  'wizard.summary.noDav': 'Non configuré : messagerie seulement',
  'wizard.advanced': 'Paramètres avancés',
  'wizard.steps': 'Recherches effectuées',
  'wizard.steps.found': 'trouvé',
  'wizard.steps.notFound': 'rien trouvé',
  'wizard.login': 'Identifiant',
  'wizard.loginHint': 'Souvent votre adresse électronique complète.',
  'wizard.host': 'Serveur',
  'wizard.port': 'Port',
  'wizard.security': 'Sécurité',
  'wizard.davUrl': 'Adresse de l’agenda et des contacts (facultatif)',
  'wizard.davUrlHint': 'Commence par https://',
  'wizard.back': 'Retour',
  'wizard.connect': 'Se connecter',
  'wizard.fixFields': 'Corrigez les champs signalés.',
  'wizard.verify.title': 'Vérification de la connexion',
  'wizard.verify.running': 'Cartable vérifie chaque serveur avec votre mot de passe…',
  'wizard.verify.failed': 'La connexion n’a pas abouti : le compte n’a pas été enregistré.',
  'wizard.verify.done': 'Le compte a été ajouté.',
  'wizard.check.waiting': 'En attente',
  'wizard.check.running': 'Vérification…',
  'wizard.check.ok': 'Connexion réussie',
  'wizard.check.failed': 'Échec',
  'wizard.check.skipped': 'Non vérifié',
  'wizard.retry': 'Réessayer',
  'wizard.edit': 'Modifier les réglages',
  'wizard.fingerprint': 'Empreinte SHA-256 du certificat',
  'wizard.fingerprint.previous': 'Ancienne empreinte',
  'wizard.fingerprint.new': 'Nouvelle empreinte',
  'wizard.trust': 'Faire confiance à ce certificat',
  'wizard.trustChanged': 'Le certificat a changé — faire confiance au nouveau',
  'wizard.trustWarning': 'Ne le faites que si l’assistance informatique vous a confirmé cette empreinte.',
  'wizard.changedWarning':
    'Un certificat qui change sans prévenir peut signaler une tentative d’interception. N’acceptez qu’après vérification par l’assistance informatique.',

  'validation.required': 'Ce champ est obligatoire.',
  'validation.email': 'Saisissez une adresse complète, par exemple prenom.nom@ac-lille.fr.',
  'validation.host':
    'Saisissez un nom de serveur, par exemple imap.exemple.fr (sans espace ni « https:// »).',
  'validation.port': 'Le port est un nombre entre 1 et 65535.',
  'validation.davUrl': 'L’adresse doit commencer par https:// (les adresses non chiffrées sont refusées).',
  'validation.tooLong': 'Ce texte est trop long.',

  'folder.inbox': 'Boîte de réception',
  'folder.drafts': 'Brouillons',
  'folder.sent': 'Envoyés',
  'folder.archive': 'Archives',
  'folder.junk': 'Indésirables',
  'folder.trash': 'Corbeille',
  'mail.title': 'Courrier',
  'mail.folders': 'Dossiers',
  'mail.foldersOf': 'Dossiers de {account}',
  'mail.loading': 'Chargement des dossiers…',
  'mail.loadFailed': 'Les dossiers n’ont pas pu être chargés.',
  'mail.noFolders': 'Aucun dossier pour l’instant : la première synchronisation est peut-être en cours.',
  'mail.sync': 'Synchroniser les dossiers',
  'mail.unseen.one': '{count} message non lu',
  'mail.unseen.other': '{count} messages non lus',
  'mail.chooseFolder': 'Choisissez un dossier dans la liste.',
  'mail.messagesSoon': 'L’affichage des messages n’est pas encore disponible dans cette version de Cartable.',

  'settings.title': 'Réglages',
  'settings.language': 'Langue de l’interface',
  'settings.accounts': 'Comptes',
  'settings.noAccounts': 'Aucun compte n’est configuré.',
  'settings.add': 'Ajouter un compte',
  'settings.remove': 'Supprimer',
  'settings.removeLabel': 'Supprimer le compte {email}',
  'settings.removeConfirm':
    'Supprimer le compte {email} de Cartable ? Vos messages restent sur le serveur ; seules les données gardées sur cet ordinateur sont effacées.',
  'settings.removeYes': 'Supprimer le compte',
  'settings.removeNo': 'Annuler',
  'language.fr': 'Français',
  'language.en': 'English',
} satisfies Record<ErrorKey, string> & Record<string, string>;

export type Messages = typeof fr;
export type MessageKey = keyof Messages;

export const en: Messages = {
  'app.name': 'Cartable',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to content',
  'app.retry': 'Try again',
  'app.accountsFailed': 'Your accounts could not be loaded.',
  'connection.lost': 'Lost the connection to Cartable’s engine. Trying again…',

  'nav.label': 'Main navigation',
  'nav.mail': 'Mail',
  'nav.calendar': 'Calendar',
  'nav.contacts': 'Contacts',
  'nav.archive': 'Archives',
  'nav.settings': 'Settings',

  'soon.title': 'Coming soon',
  'soon.calendar': 'The school calendar will arrive in a future version of Cartable.',
  'soon.contacts': 'Address books will arrive in a future version of Cartable.',
  'soon.archive': 'Archiving school years will arrive in a future version of Cartable.',

  'service.imap': 'Mail (IMAP)',
  'service.smtp': 'Sending (SMTP)',
  'service.dav': 'Calendar and contacts (DAV)',
  'service.imap.server': 'the mail server',
  'service.smtp.server': 'the sending server',
  'service.dav.server': 'the calendar and contacts server',
  'service.any.server': 'the server',
  'security.tls': 'TLS (SSL)',
  'security.starttls': 'STARTTLS',
  'detail.unknown': 'unknown',

  'error.INVALID_PARAMS.message': 'Some of the information entered was not accepted.',
  'error.INVALID_PARAMS.hint': 'Check the address, the server names and the ports, then try again.',
  'error.UNKNOWN_METHOD.message': 'Cartable does not recognise this action.',
  'error.UNKNOWN_METHOD.hint':
    'Cartable’s interface and engine may not be the same version: restart Cartable. If it goes on, tell your IT support.',
  'error.INTERNAL.message': 'Something unexpected went wrong in Cartable.',
  'error.INTERNAL.hint': 'Try again. If it happens again, restart Cartable and tell your IT support.',
  'error.AUTH_FAILED.message': 'The password was refused by {service}.',
  'error.AUTH_FAILED.hint':
    'Check the login and the password: mind capital letters and accents, and make sure Caps Lock is off.',
  'error.HOST_NOT_FOUND.message': 'The server “{host}” could not be found.',
  'error.HOST_NOT_FOUND.hint': 'Check the spelling of the server name and that the computer is online.',
  'error.PORT_CLOSED.message': 'The server “{host}” does not answer on port {port}.',
  'error.PORT_CLOSED.hint':
    'Check the port number and the security type. The school’s firewall may also block this port: ask your IT support.',
  'error.TIMEOUT.message': 'The server takes too long to answer.',
  'error.TIMEOUT.hint': 'The connection may be slow or down. Try again in a few moments.',
  'error.NETWORK.message': 'The connection was interrupted.',
  'error.NETWORK.hint': 'Check that the computer is connected to the network, then try again.',
  'error.TLS_UNTRUSTED.message':
    'The security certificate of the server “{host}” (port {port}) is not recognised.',
  'error.TLS_UNTRUSTED.hint':
    'Only trust this certificate if your IT support confirms its fingerprint: {fingerprint}.',
  'error.TLS_CHANGED.message':
    'Warning: the security certificate of the server “{host}” (port {port}) has changed since your last connection.',
  'error.TLS_CHANGED.hint':
    'It may be a normal renewal, but also an interception attempt. Have your IT support check the new fingerprint ({fingerprint}) before accepting; the old one was {previous}.',
  'error.TLS_UNAVAILABLE.message': 'The server “{host}” (port {port}) offers no secure connection.',
  'error.TLS_UNAVAILABLE.hint':
    'Cartable never sends a password unencrypted. Try the other security type (TLS or STARTTLS) with its usual port, or ask your IT support for the right settings.',
  'error.PROTOCOL_ERROR.message': 'The server answered in an unexpected way.',
  'error.PROTOCOL_ERROR.hint':
    'Check that the server and port belong to the right service (IMAP for receiving, SMTP for sending). If they do, tell your IT support.',
  'error.DAV_NOT_FOUND.message': 'No calendar or address book was found at this address.',
  'error.DAV_NOT_FOUND.hint':
    'Check the calendar address under “Advanced settings”, or clear it to use mail only.',
  'error.DISCOVERY_FAILED.message': 'The settings of this account could not be found automatically.',
  'error.DISCOVERY_FAILED.hint':
    'Check your address, pick your academy from the list, or enter the servers your IT support gave you.',
  'error.ACCOUNT_NOT_FOUND.message': 'This account no longer exists in Cartable.',
  'error.ACCOUNT_NOT_FOUND.hint':
    'It may already have been removed. Open Settings again to see your accounts.',
  'error.ACCOUNT_EXISTS.message': 'This account is already set up in Cartable.',
  'error.ACCOUNT_EXISTS.hint':
    'You will find it in Settings. To change its settings, remove it and add it again.',
  'error.SECRET_STORE_UNAVAILABLE.message':
    'The computer’s secure keychain cannot be reached: the password cannot be saved.',
  'error.SECRET_STORE_UNAVAILABLE.hint':
    'Cartable never keeps a password anywhere else. Sign out of the computer and back in; if it goes on, tell your IT support.',
  'error.DB_NEWER_VERSION.message':
    'Your data was saved by a newer version of Cartable (format {found}; this version reads up to format {supported}).',
  'error.DB_NEWER_VERSION.hint':
    'Install the latest version of Cartable. Do not delete your data: it is intact.',
  'error.DISK_FULL.message': 'The computer’s disk is full.',
  'error.DISK_FULL.hint': 'Free some space (for example by emptying the computer’s bin), then try again.',

  'wizard.title': 'Add an account',
  'wizard.intro': 'Enter your academy address and your password: Cartable finds the settings for you.',
  'wizard.progress': 'Step {current} of {total}',
  'wizard.cancel': 'Cancel',
  'wizard.presets.legend': 'Your academy',
  'wizard.presets.loading': 'Loading academies…',
  'wizard.presets.failed': 'The list of academies could not be loaded; you can go on with your address.',
  'wizard.presets.domains': 'Addresses ending in @{domains}',
  'wizard.presets.other': 'Other server',
  'wizard.presets.otherHint': 'Enter the servers by hand',
  'wizard.name': 'Your name',
  'wizard.nameHint': 'As the people you write to will see it.',
  'wizard.email': 'Email address',
  'wizard.password': 'Password',
  'wizard.passwordHint': 'It is kept in the computer’s secure keychain, never in clear.',
  'wizard.continue': 'Continue',
  'wizard.discovering': 'Looking for your account’s settings…',
  'wizard.servers.title': 'Account settings',
  'wizard.source.preset': 'Settings provided by your academy ({label}).',
  'wizard.source.autoconfig': 'Settings published by your domain’s mail service.',
  'wizard.source.srv': 'Settings found in the domain’s directory (DNS records).',
  'wizard.source.guess': 'Settings guessed from your address: connecting will tell whether they are right.',
  'wizard.source.manual': 'Enter the settings your IT support gave you.',
  'wizard.summary.endpoint': '{host}, port {port}, {security}',
  'wizard.summary.noDav': 'Not set up: mail only',
  'wizard.advanced': 'Advanced settings',
  'wizard.steps': 'What was tried',
  'wizard.steps.found': 'found',
  'wizard.steps.notFound': 'nothing found',
  'wizard.login': 'Login',
  'wizard.loginHint': 'Often your full email address.',
  'wizard.host': 'Server',
  'wizard.port': 'Port',
  'wizard.security': 'Security',
  'wizard.davUrl': 'Calendar and contacts address (optional)',
  'wizard.davUrlHint': 'Starts with https://',
  'wizard.back': 'Back',
  'wizard.connect': 'Connect',
  'wizard.fixFields': 'Please correct the highlighted fields.',
  'wizard.verify.title': 'Checking the connection',
  'wizard.verify.running': 'Cartable is checking each server with your password…',
  'wizard.verify.failed': 'The connection did not succeed: the account was not saved.',
  'wizard.verify.done': 'The account was added.',
  'wizard.check.waiting': 'Waiting',
  'wizard.check.running': 'Checking…',
  'wizard.check.ok': 'Connected',
  'wizard.check.failed': 'Failed',
  'wizard.check.skipped': 'Not checked',
  'wizard.retry': 'Try again',
  'wizard.edit': 'Change the settings',
  'wizard.fingerprint': 'SHA-256 fingerprint of the certificate',
  'wizard.fingerprint.previous': 'Previous fingerprint',
  'wizard.fingerprint.new': 'New fingerprint',
  'wizard.trust': 'Trust this certificate',
  'wizard.trustChanged': 'The certificate changed — trust the new one',
  'wizard.trustWarning': 'Only do so if your IT support has confirmed this fingerprint.',
  'wizard.changedWarning':
    'A certificate that changes without notice may signal an interception attempt. Only accept once your IT support has checked it.',

  'validation.required': 'This field is required.',
  'validation.email': 'Enter a full address, for example firstname.lastname@ac-lille.fr.',
  'validation.host': 'Enter a server name, for example imap.example.org (no spaces, no “https://”).',
  'validation.port': 'The port is a number between 1 and 65535.',
  'validation.davUrl': 'The address must start with https:// (unencrypted addresses are refused).',
  'validation.tooLong': 'This text is too long.',

  'folder.inbox': 'Inbox',
  'folder.drafts': 'Drafts',
  'folder.sent': 'Sent',
  'folder.archive': 'Archives',
  'folder.junk': 'Junk',
  'folder.trash': 'Trash',
  'mail.title': 'Mail',
  'mail.folders': 'Folders',
  'mail.foldersOf': 'Folders of {account}',
  'mail.loading': 'Loading folders…',
  'mail.loadFailed': 'The folders could not be loaded.',
  'mail.noFolders': 'No folders yet: the first synchronisation may still be running.',
  'mail.sync': 'Synchronise folders',
  'mail.unseen.one': '{count} unread message',
  'mail.unseen.other': '{count} unread messages',
  'mail.chooseFolder': 'Choose a folder from the list.',
  'mail.messagesSoon': 'Showing messages is not available yet in this version of Cartable.',

  'settings.title': 'Settings',
  'settings.language': 'Interface language',
  'settings.accounts': 'Accounts',
  'settings.noAccounts': 'No account is set up.',
  'settings.add': 'Add an account',
  'settings.remove': 'Remove',
  'settings.removeLabel': 'Remove the account {email}',
  'settings.removeConfirm':
    'Remove the account {email} from Cartable? Your messages stay on the server; only the data kept on this computer is deleted.',
  'settings.removeYes': 'Remove the account',
  'settings.removeNo': 'Cancel',
  'language.fr': 'Français',
  'language.en': 'English',
};

export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];

export const catalogue: Record<Locale, Messages> = { fr, en };
