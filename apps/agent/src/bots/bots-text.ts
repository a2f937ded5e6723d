/** Interface text of the bot admin and the handoff summary (kept beside them). */
const TEXT = {
  fr: {
    title: 'Bots',
    back: 'Conversations',
    empty: 'Aucun bot.',
    conversations: 'Conversations',
    containment: 'Confinement',
    containmentHelp: 'Conversations terminées sans passage à un conseiller',
    fallback: 'Repli',
    fallbackHelp: 'Messages où le bot n’a pas compris seul (base de connaissances, choix proposés, reformulation, conseiller proposé)',
    handoffs: 'Transferts',
    channels: 'Canaux',
    noChannel: 'Aucun canal',
    published: (v: number | null) => (v === null ? 'jamais publié' : `version publiée ${v}`),
    definition: 'Définition',
    export: 'Exporter',
    builder: 'Éditeur',
    edit: 'Modifier',
    tabIntents: 'Intentions',
    tabScenario: 'Scénario',
    tabJson: 'Avancé (JSON)',
    phrases: 'Phrases d’entraînement',
    noPhrase: 'Aucune phrase.',
    phrasePlaceholder: 'Nouvelle phrase…',
    addPhrase: 'Ajouter',
    removePhrase: 'Retirer',
    answer: 'Réponse',
    newIntentPlaceholder: 'Nom de la nouvelle intention',
    addIntent: 'Ajouter une intention',
    noScenario: 'Aucun scénario.',
    startsWith: 'déclenché par',
    save: 'Enregistrer',
    publish: 'Publier',
    publishHint: 'Enregistrez d’abord vos modifications',
    import: 'Importer (JSON ou YAML)',
    exportYaml: 'Exporter en YAML',
    saved: (v: number) => `Brouillon enregistré (version ${v}).`,
    publishedNow: (v: number | null) => `Version ${v ?? '?'} publiée.`,
    imported: (name: string) => `Bot « ${name} » importé.`,
    unsaved: 'Modifications non enregistrées',
    draftVersion: (v: number) => `brouillon v${v}`,
    invalidJson: 'JSON invalide',
    invalidDefinition: 'Définition refusée',
    summaryTitle: 'Résumé de l’agent virtuel',
    reason: 'Motif',
    intent: 'Intention détectée',
    noIntent: 'aucune',
    slots: 'Informations collectées',
    noSlots: 'aucune',
    sentiment: 'Tendance du ressenti',
    trend: { improving: 'en amélioration', worsening: 'en dégradation', stable: 'stable' } as Record<string, string>,
    lastMessages: 'Derniers messages',
    customer: 'Client',
    bot: 'Agent virtuel',
    reasons: {
      customer_request: 'le client a demandé un conseiller',
      slot_not_understood: 'information non comprise',
      otp_failed: 'vérification par code échouée',
      otp_unavailable: 'code de vérification impossible à envoyer',
      agent_took_over: 'un conseiller a pris la main',
      action_failed: 'l’appel au système métier a échoué',
    } as Record<string, string>,
    satisfaction: 'Satisfaction',
    satisfactionHelp: (n: number) => `Part de clients satisfaits parmi ${n} réponse(s) au questionnaire de fin de scénario`,
    secrets: 'Secrets',
    secretsHelp: 'Utilisables dans les en-têtes et le corps des actions HTTP sous la forme {{secrets.NOM}}. Les valeurs ne sont jamais réaffichées.',
    noSecret: 'Aucun secret.',
    secretName: 'Nom',
    secretValue: 'Valeur',
    secretSave: 'Enregistrer le secret',
    secretRemove: 'Supprimer',
    secretInvalidName: 'Nom invalide : une lettre, puis lettres, chiffres ou _.',
    secretSaved: (name: string) => `Secret ${name} enregistré.`,
    tabConsole: 'Console de test',
    consoleHelp: 'Teste le dernier brouillon enregistré : rien n’est envoyé au client ni enregistré ; les actions HTTP sont réellement appelées.',
    consoleUnsaved: 'Modifications non enregistrées : la console teste le brouillon enregistré.',
    consolePlaceholder: 'Message du client…',
    consoleSend: 'Envoyer',
    consoleReset: 'Recommencer',
    consoleEmpty: 'Écrivez un message comme le ferait un client.',
    consoleYou: 'Client (test)',
    nluTitle: 'Compréhension',
    language: 'Langue',
    retained: 'Intention retenue',
    threshold: (t: string) => `seuil ${t}`,
    outOfScope: 'hors sujet',
    ranking: 'Intentions les plus proches',
    features: 'Indices qui ont pesé',
    entities: 'Entités détectées',
    none: 'aucune',
    decision: 'Décision',
    attributes: 'Attributs',
    httpCalls: 'Appels HTTP',
    decisionLabel: (d: { kind: string; [key: string]: unknown }, pct: (n: number) => string): string => {
      switch (d.kind) {
        case 'scenario':
          return `scénario ${String(d.scenarioId ?? '?')}${d.stepId ? ` (en attente à l’étape ${String(d.stepId)})` : ' (terminé)'}`;
        case 'answer':
          return `réponse fixe de l’intention ${String(d.intent)}`;
        case 'kb':
          return `réponse de la base de connaissances (confiance ${pct(Number(d.confidence))})`;
        case 'choices':
          return `choix proposés : ${(d.intents as string[]).join(', ')}`;
        case 'rephrase':
          return 'demande de reformulation';
        case 'offer_human':
          return 'propose un conseiller';
        case 'handoff':
          return `transfert à un conseiller (${String(d.reason)})`;
        case 'small_talk':
          return 'présentation ou politesse';
        default:
          return 'pas de réponse';
      }
    },
    otpNotSent: (code: string) => `Code non envoyé en mode test : tapez ${code}.`,
    scenarioEnded: 'Fin du scénario.',
    importIntents: 'Importer des intentions (Rasa, Dialogflow)',
    importHint: 'Un fichier nlu.yml de Rasa ou l’export ZIP d’un agent Dialogflow ES ; les phrases s’ajoutent au brouillon.',
    importLang: 'Langue des phrases Rasa',
    importReport: (r: { created: string[]; updated: string[]; phrasesAdded: number; answersAdded: number }) =>
      `Import enregistré dans le brouillon : ${r.created.length} intention(s) créée(s), ${r.updated.length} complétée(s), ${r.phrasesAdded} phrase(s) et ${r.answersAdded} réponse(s) ajoutée(s).`,
    importSkipped: (n: number) => `${n} élément(s) non importé(s)`,
    importEntities: 'Entités annotées (gardées comme texte) :',
    tabHistory: 'Historique',
    historyEmpty: 'Aucune version enregistrée.',
    historyVersion: (v: number) => `Version ${v}`,
    historySaved: (date: string, by: string | null) => `enregistrée le ${date}${by ? ` par ${by}` : ' par le système'}`,
    historyPublished: (date: string, by: string | null) => `publiée le ${date}${by ? ` par ${by}` : ''}`,
    historyCurrent: 'brouillon actuel',
    historyView: 'Voir',
    historyHide: 'Masquer',
    historyRestore: 'Restaurer dans le brouillon',
    historyRestored: (v: number, draft: number) => `Version ${v} restaurée comme brouillon v${draft} (publiez-la pour l’appliquer).`,
  },
  en: {
    title: 'Bots',
    back: 'Conversations',
    empty: 'No bot.',
    conversations: 'Conversations',
    containment: 'Containment',
    containmentHelp: 'Conversations ended without a handoff to an agent',
    fallback: 'Fallback',
    fallbackHelp: 'Messages the bot did not understand by itself (knowledge base, offered choices, rephrase, agent offered)',
    handoffs: 'Handoffs',
    channels: 'Channels',
    noChannel: 'No channel',
    published: (v: number | null) => (v === null ? 'never published' : `published version ${v}`),
    definition: 'Definition',
    export: 'Export',
    builder: 'Builder',
    edit: 'Edit',
    tabIntents: 'Intents',
    tabScenario: 'Scenario',
    tabJson: 'Advanced (JSON)',
    phrases: 'Training phrases',
    noPhrase: 'No phrase.',
    phrasePlaceholder: 'New phrase…',
    addPhrase: 'Add',
    removePhrase: 'Remove',
    answer: 'Answer',
    newIntentPlaceholder: 'Name of the new intent',
    addIntent: 'Add intent',
    noScenario: 'No scenario.',
    startsWith: 'started by',
    save: 'Save',
    publish: 'Publish',
    publishHint: 'Save your changes first',
    import: 'Import (JSON or YAML)',
    exportYaml: 'Export YAML',
    saved: (v: number) => `Draft saved (version ${v}).`,
    publishedNow: (v: number | null) => `Version ${v ?? '?'} published.`,
    imported: (name: string) => `Bot “${name}” imported.`,
    unsaved: 'Unsaved changes',
    draftVersion: (v: number) => `draft v${v}`,
    invalidJson: 'Invalid JSON',
    invalidDefinition: 'Definition refused',
    summaryTitle: 'Virtual agent summary',
    reason: 'Reason',
    intent: 'Detected intent',
    noIntent: 'none',
    slots: 'Collected information',
    noSlots: 'none',
    sentiment: 'Sentiment trend',
    trend: { improving: 'improving', worsening: 'worsening', stable: 'stable' } as Record<string, string>,
    lastMessages: 'Last messages',
    customer: 'Customer',
    bot: 'Virtual agent',
    reasons: {
      customer_request: 'the customer asked for an agent',
      slot_not_understood: 'information not understood',
      otp_failed: 'code verification failed',
      otp_unavailable: 'verification code could not be sent',
      agent_took_over: 'an agent took over',
      action_failed: 'a back-office call failed',
    } as Record<string, string>,
    satisfaction: 'Satisfaction',
    satisfactionHelp: (n: number) => `Share of satisfied customers among ${n} answer(s) to the end-of-scenario question`,
    secrets: 'Secrets',
    secretsHelp: 'Usable in HTTP action headers and body as {{secrets.NAME}}. Values are never shown again.',
    noSecret: 'No secret.',
    secretName: 'Name',
    secretValue: 'Value',
    secretSave: 'Save secret',
    secretRemove: 'Remove',
    secretInvalidName: 'Invalid name: a letter, then letters, digits or _.',
    secretSaved: (name: string) => `Secret ${name} saved.`,
    tabConsole: 'Test console',
    consoleHelp: 'Tests the last saved draft: nothing is sent to a customer or stored; HTTP actions are really called.',
    consoleUnsaved: 'Unsaved changes: the console tests the saved draft.',
    consolePlaceholder: 'Customer message…',
    consoleSend: 'Send',
    consoleReset: 'Start over',
    consoleEmpty: 'Type a message as a customer would.',
    consoleYou: 'Customer (test)',
    nluTitle: 'Understanding',
    language: 'Language',
    retained: 'Intent retained',
    threshold: (t: string) => `threshold ${t}`,
    outOfScope: 'out of scope',
    ranking: 'Closest intents',
    features: 'Features that weighed most',
    entities: 'Detected entities',
    none: 'none',
    decision: 'Decision',
    attributes: 'Attributes',
    httpCalls: 'HTTP calls',
    decisionLabel: (d: { kind: string; [key: string]: unknown }, pct: (n: number) => string): string => {
      switch (d.kind) {
        case 'scenario':
          return `scenario ${String(d.scenarioId ?? '?')}${d.stepId ? ` (waiting at step ${String(d.stepId)})` : ' (finished)'}`;
        case 'answer':
          return `fixed answer of intent ${String(d.intent)}`;
        case 'kb':
          return `knowledge-base answer (confidence ${pct(Number(d.confidence))})`;
        case 'choices':
          return `offered choices: ${(d.intents as string[]).join(', ')}`;
        case 'rephrase':
          return 'asked to rephrase';
        case 'offer_human':
          return 'offered an agent';
        case 'handoff':
          return `handoff to an agent (${String(d.reason)})`;
        case 'small_talk':
          return 'introduction or small talk';
        default:
          return 'no answer';
      }
    },
    otpNotSent: (code: string) => `Code not sent in test mode: type ${code}.`,
    scenarioEnded: 'End of the scenario.',
    importIntents: 'Import intents (Rasa, Dialogflow)',
    importHint: 'A Rasa nlu.yml file or a Dialogflow ES agent ZIP export; the phrases are added to the draft.',
    importLang: 'Language of Rasa phrases',
    importReport: (r: { created: string[]; updated: string[]; phrasesAdded: number; answersAdded: number }) =>
      `Import saved in the draft: ${r.created.length} intent(s) created, ${r.updated.length} completed, ${r.phrasesAdded} phrase(s) and ${r.answersAdded} answer(s) added.`,
    importSkipped: (n: number) => `${n} item(s) not imported`,
    importEntities: 'Annotated entities (kept as text):',
    tabHistory: 'History',
    historyEmpty: 'No saved version.',
    historyVersion: (v: number) => `Version ${v}`,
    historySaved: (date: string, by: string | null) => `saved on ${date}${by ? ` by ${by}` : ' by the system'}`,
    historyPublished: (date: string, by: string | null) => `published on ${date}${by ? ` by ${by}` : ''}`,
    historyCurrent: 'current draft',
    historyView: 'View',
    historyHide: 'Hide',
    historyRestore: 'Restore into the draft',
    historyRestored: (v: number, draft: number) => `Version ${v} restored as draft v${draft} (publish it to apply it).`,
  },
};

export type BotsText = (typeof TEXT)['fr'];

/** The bot UI text in the interface language. */
export function botsText(locale: string): BotsText {
  return locale.startsWith('en') ? TEXT.en : TEXT.fr;
}
