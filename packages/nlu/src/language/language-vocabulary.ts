/**
 * Frequent words per language, written for Parley (function words plus everyday customer-service
 * vocabulary). They feed both the word evidence and the character n-gram profiles of the detector.
 * Accented forms are kept: accents are strong language cues.
 */
export const LANGUAGE_VOCABULARY: Readonly<Record<string, string>> = {
  fr: `le la les un une des du de et est sont je tu il elle nous vous ils elles on ce cet cette ces mon ma mes ton ta tes son sa ses notre votre leur leurs
    que qui quoi dont où quand comment pourquoi combien avec sans pour par dans sur sous chez vers entre depuis pendant avant après très trop plus moins
    pas ne non oui si mais ou donc car aussi encore déjà toujours jamais rien personne tout tous toute toutes même comme alors bien mal peu beaucoup
    être avoir faire aller venir voir savoir pouvoir vouloir devoir dire prendre mettre donner trouver parler attendre recevoir envoyer payer
    suis es sommes êtes ai as avons avez ont fait fais peux veux voudrais pourriez pouvez dois doit faut était été aurait serait merci bonjour bonsoir
    salut svp s'il vous plaît madame monsieur commande colis livraison remboursement facture paiement carte compte abonnement contrat client service
    problème question réponse aide besoin demande délai retard annuler modifier changer numéro adresse courriel mot passe connexion fonctionne marche
    aujourd'hui demain hier semaine mois année heure jour matin soir lundi mardi mercredi jeudi vendredi samedi dimanche rendez-vous rappeler
    toujours vraiment encore déjà depuis enfin quelqu'un c'est n'est j'ai qu'il d'un l'on aux au ça voilà chose temps autre nouveau nouvelle premier
    dernière reçu envoyé payé bloqué cassé livré arrivé prévu possible impossible urgent rapidement merci beaucoup cordialement désolé content déçu`,
  en: `the a an and is are was were be been being have has had do does did will would can could should shall may might must i you he she it we they
    me him her us them my your his its our their this that these those what which who whom whose where when why how all any both each few more most
    other some such no nor not only own same so than too very just also now then here there again once about above after before below between
    into through during with without for from of on in at by to up down out off over under yes please thanks thank hello hi hey dear sir madam
    order delivery package parcel refund invoice payment card account subscription contract customer service problem question answer help need
    request delay late cancel change update number address email password login working broken charged money billing support agent phone call
    today tomorrow yesterday week month year hour day morning evening monday tuesday wednesday thursday friday saturday sunday appointment
    still really already since finally someone it's isn't don't doesn't can't won't i'm i've you're there's what's get got going want wanted
    received sent paid blocked arrived expected possible urgent quickly thing time new first last never always nothing everything anyone`,
  es: `el la los las un una unos unas de del y es son está están estoy yo tú él ella nosotros vosotros ellos ellas usted ustedes mi mis tu tus su sus
    nuestro que qué quien quién donde dónde cuando cuándo cómo como por qué porque cuánto con sin para por en sobre entre desde hasta muy más menos
    no sí pero o también ya todavía siempre nunca nada nadie todo todos esta este estos estas ese esa hay tengo tiene tenemos hacer puedo puede
    quiero quisiera necesito debo hola gracias buenos días buenas tardes por favor señor señora pedido paquete entrega reembolso factura pago
    tarjeta cuenta suscripción contrato cliente servicio problema pregunta respuesta ayuda solicitud retraso cancelar cambiar número dirección
    correo contraseña funciona hoy mañana ayer semana mes año hora día lunes martes miércoles jueves viernes sábado domingo cita llamar recibido
    enviado pagado bloqueado llegado urgente rápido cosa tiempo nuevo primero último mucho poco bien mal así aquí allí ahora después antes`,
  de: `der die das ein eine einen einem einer und ist sind war waren bin bist sein haben hat hatte habe ich du er sie es wir ihr mein meine dein
    unser euer was wer wo wann warum wie wieviel mit ohne für von zu bei nach aus auf in an über unter zwischen seit während sehr mehr weniger
    nicht kein keine ja nein aber oder doch auch noch schon immer nie nichts niemand alle alles diese dieser dieses dem den des man kann können
    möchte will muss soll würde hallo danke bitte guten tag morgen abend herr frau bestellung paket lieferung rückerstattung rechnung zahlung
    karte konto abonnement vertrag kunde kundenservice problem frage antwort hilfe anfrage verspätung stornieren ändern nummer adresse passwort
    funktioniert heute gestern woche monat jahr stunde montag dienstag mittwoch donnerstag freitag samstag sonntag termin anrufen erhalten
    geschickt bezahlt gesperrt angekommen dringend schnell sache zeit neu erste letzte viel wenig gut schlecht hier dort jetzt dann vorher leider`,
  it: `il lo la i gli le un uno una di del della dei delle e è sono era ero io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro
    che chi cosa dove quando come perché quanto con senza per da in su tra fra molto più meno non sì ma o anche già ancora sempre mai niente
    nessuno tutto tutti questa questo questi quello c'è ho hai ha abbiamo avete hanno fare posso può voglio vorrei devo ciao grazie buongiorno
    buonasera per favore signore signora ordine pacco consegna rimborso fattura pagamento carta conto abbonamento contratto cliente servizio
    problema domanda risposta aiuto richiesta ritardo annullare cambiare numero indirizzo password funziona oggi domani ieri settimana mese anno
    ora giorno lunedì martedì mercoledì giovedì venerdì sabato domenica appuntamento chiamare ricevuto inviato pagato bloccato arrivato urgente
    subito cosa tempo nuovo primo ultimo tanto poco bene male qui lì adesso dopo prima gli nel nella sul alla allo`,
  pt: `o a os as um uma uns umas de do da dos das e é são está estão estou eu tu ele ela nós vós eles elas você vocês meu minha meus minhas seu sua
    nosso que quem onde quando como porque quanto com sem para por em no na nos nas sobre entre desde até muito mais menos não sim mas ou também
    já ainda sempre nunca nada ninguém tudo todos esta este isso isto há tenho tem temos fazer posso pode quero queria preciso devo olá obrigado
    obrigada bom dia boa tarde por favor senhor senhora pedido encomenda pacote entrega reembolso fatura pagamento cartão conta assinatura
    contrato cliente serviço problema pergunta resposta ajuda solicitação atraso cancelar mudar alterar número endereço senha funciona hoje
    amanhã ontem semana mês ano hora dia segunda terça quarta quinta sexta sábado domingo consulta ligar recebido enviado pago bloqueado
    chegou urgente rápido coisa tempo novo primeiro último bem mal aqui ali agora depois antes então ção ções não`,
  nl: `de het een en is zijn was waren ben bent heb hebt heeft hebben ik jij je hij zij ze wij we jullie mijn jouw zijn haar ons onze hun wat wie
    waar wanneer waarom hoe hoeveel met zonder voor van naar bij uit op in aan over onder tussen sinds tijdens zeer heel meer minder niet geen
    ja nee maar of ook nog al altijd nooit niets niemand alle alles deze dit dat die er kan kunnen wil wilt moet zou graag hallo hoi dank
    bedankt alstublieft goedemorgen goedemiddag meneer mevrouw bestelling pakket levering terugbetaling factuur betaling kaart rekening
    abonnement contract klant klantenservice probleem vraag antwoord hulp verzoek vertraging annuleren wijzigen nummer adres wachtwoord werkt
    vandaag morgen gisteren week maand jaar uur dag maandag dinsdag woensdag donderdag vrijdag zaterdag zondag afspraak bellen ontvangen
    verstuurd betaald geblokkeerd aangekomen dringend snel ding tijd nieuw eerste laatste veel weinig goed slecht hier daar nu dan eerder`,
};

/** Language names (English) for display. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  fr: 'French',
  en: 'English',
  es: 'Spanish',
  de: 'German',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
};
