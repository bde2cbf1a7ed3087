/**
 * The source catalogue: every string the user reads, in French. Its keys are
 * the catalogue's keys; every ErrorCode of the contract has a `.message` and a `.hint`.
 * Placeholders are `{name}`.
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
  'error.FOLDER_NOT_FOUND.message': 'Ce dossier n’existe plus.',
  'error.FOLDER_NOT_FOUND.hint':
    'Il a peut-être été supprimé ou renommé depuis un autre appareil. La liste des dossiers va se mettre à jour.',
  'error.MESSAGE_NOT_FOUND.message': 'Ce message n’existe plus sur le serveur.',
  'error.MESSAGE_NOT_FOUND.hint':
    'Il a peut-être été supprimé ou déplacé depuis un autre appareil. La liste va se mettre à jour.',
  'error.FILE_EXISTS.message': 'Un fichier porte déjà ce nom à cet endroit.',
  'error.FILE_EXISTS.hint':
    'Choisissez un autre nom ou un autre dossier : Cartable ne remplace jamais un fichier existant.',
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
  'error.SEND_UNCERTAIN.message': 'Envoi incertain : la connexion a été coupée juste à la fin de l’envoi.',
  'error.SEND_UNCERTAIN.hint':
    'Le serveur a peut-être reçu le message. Vérifiez auprès du destinataire ou dans « Envoyés » avant de le renvoyer.',
  'error.SEND_REFUSED.message': 'Le serveur d’envoi a refusé le message.',
  'error.SEND_REFUSED.hint':
    'Lisez la réponse du serveur ({response}), corrigez le message ou les destinataires, puis renvoyez-le.',
  'error.SEND_NOT_UNCERTAIN.message': 'Ce message n’attend plus de décision : son envoi n’est pas incertain.',
  'error.SEND_NOT_UNCERTAIN.hint':
    'Il a peut-être déjà été renvoyé, classé dans « Envoyés » ou supprimé, par exemple depuis une autre fenêtre. La boîte d’envoi va se mettre à jour.',
  'error.UNDO_EXPIRED.message':
    'Il est trop tard pour annuler : l’action a déjà été appliquée sur le serveur.',
  'error.UNDO_EXPIRED.hint':
    'Faites l’opération inverse vous-même : par exemple, redéplacez le message ou remettez-le comme non lu.',
  'error.ATTACHMENT_UNREADABLE.message': 'Une pièce jointe est illisible.',
  'error.ATTACHMENT_UNREADABLE.hint':
    'Vérifiez que le fichier {path} existe toujours, puis joignez-le à nouveau.',
  'error.MESSAGE_TOO_LARGE.message': 'Le message est trop volumineux pour être envoyé.',
  'error.MESSAGE_TOO_LARGE.hint': 'Retirez des pièces jointes ou partagez les gros fichiers par un lien.',
  'error.QUOTA_EXCEEDED.message':
    'Votre boîte aux lettres est pleine : le serveur a refusé d’y enregistrer ce message.',
  'error.QUOTA_EXCEEDED.hint':
    'Rien n’est perdu : ce message reste enregistré sur cet ordinateur. Videz la corbeille ou archivez d’anciens messages, puis enregistrez-le de nouveau.',
  'error.DRAFT_NOT_FOUND.message': 'Ce brouillon n’existe plus.',
  'error.DRAFT_NOT_FOUND.hint':
    'Il a peut-être été envoyé ou supprimé, par exemple depuis une autre fenêtre.',
  'error.DRAFTS_FOLDER_MISSING.message': 'Ce compte n’a pas de dossier « Brouillons » sur le serveur.',
  'error.DRAFTS_FOLDER_MISSING.hint':
    'Le brouillon reste enregistré sur cet ordinateur. Créez un dossier « Brouillons » dans le webmail de votre académie, puis enregistrez-le de nouveau.',

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

  'reader.label': 'Message : {subject}',
  'reader.loading': 'Chargement du message…',
  'reader.loadFailed': 'Ce message n’a pas pu être affiché.',
  'reader.noSubject': '(sans objet)',
  'reader.from': 'De',
  'reader.to': 'À',
  'reader.date': 'Date',
  'reader.hasAttachments': 'Pièces jointes',
  'reader.body': 'Contenu du message',
  'reader.empty': 'Ce message ne contient pas de texte.',
  'reader.partial':
    'Ce message n’a pu être lu qu’en partie. Il reste disponible en entier dans les pièces jointes.',
  'reader.remote.blocked': 'Des contenus distants ont été bloqués',
  'reader.remote.why': 'Ils permettraient à l’expéditeur de savoir que vous avez ouvert ce message.',
  'reader.remote.showOnce': 'Afficher pour ce message',
  'reader.remote.showAlways': 'Toujours pour cet expéditeur',
  'reader.link.title': 'Ouvrir ce lien ?',
  'reader.link.leadsTo': 'Ce lien mène à :',
  'reader.link.mismatch': 'Le texte affiche {shown} mais le lien mène à {destination}.',
  'reader.link.open': 'Ouvrir dans le navigateur',
  'reader.link.cancel': 'Annuler',
  'reader.link.mailTitle': 'Adresse e-mail',
  'reader.link.copy': 'Copier l’adresse',
  'reader.link.close': 'Fermer',
  'reader.attachments': 'Pièces jointes',
  'reader.attachment.unnamed': 'Pièce jointe sans nom',
  'reader.attachment.save': 'Enregistrer',
  'reader.attachment.saveLabel': 'Enregistrer {name}',
  'reader.attachment.saveAnyway': 'Enregistrer quand même',
  'reader.attachment.saving': 'Enregistrement…',
  'reader.attachment.saved': 'Enregistré dans {path}',
  'reader.attachment.executable':
    'Programme : il peut agir sur l’ordinateur. Ne l’enregistrez que si vous l’attendiez de cet expéditeur.',
  'reader.attachment.disguised':
    'Nom trompeur : ce fichier se présente comme un document mais c’est un programme (.{extension}).',
  'reader.size.B': '{size} o',
  'reader.size.KB': '{size} Ko',
  'reader.size.MB': '{size} Mo',
  'reader.size.GB': '{size} Go',
  'reader.invitation': 'Invitation',
  'reader.invitation.cancelled': 'Événement annulé',
  'reader.invitation.when': 'Quand',
  'reader.invitation.where': 'Où',
  'reader.invitation.organizer': 'Organisateur',
  'reader.invitation.untitled': 'Événement sans titre',
  'reader.invitation.inAttachment':
    'Ce message contient une invitation ({name}). Sa réponse sera possible depuis l’agenda.',

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
