import type { ArticleInput } from './article.flows.js';

// Demo knowledge base of the demo brand "Maison Lumière", a lamp shop. Written for Parley (not taken
// from any dataset); French and English versions of each topic, short SMS/voice variants, one
// agent-only procedure (in both languages, used as an agent checklist) and one canned response.
const fr = (slug: string, title: string, body: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
  kind: 'faq',
  language: 'fr',
  slug,
  title,
  body,
  ...extra,
});
const en = (slug: string, title: string, body: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
  kind: 'faq',
  language: 'en',
  slug,
  title,
  body,
  ...extra,
});

/** The demo articles, published on first start when `PARLEY_DEMO` is not "false". */
export const DEMO_KNOWLEDGE: readonly ArticleInput[] = [
  fr(
    'delais-de-livraison',
    'Quels sont les délais de livraison ?',
    'Les lampes en stock sont préparées sous **24 heures** ouvrées et expédiées en Colissimo.\n\n- France métropolitaine : 2 à 4 jours ouvrés.\n- Belgique, Luxembourg, Suisse : 4 à 6 jours ouvrés.\n- Corse et DOM : 6 à 10 jours ouvrés.\n\nLes pièces fabriquées à la commande (abat-jour sur mesure) partent sous 3 semaines.',
    {
      category: 'Livraison',
      tags: ['livraison', 'délais'],
      phrasings: ['Quand vais-je recevoir ma lampe ?', 'Combien de temps pour être livré ?', 'Vous livrez en Belgique ?'],
      variants: {
        sms: 'Livraison en 2 à 4 jours ouvrés en France (4 à 6 en Belgique et en Suisse).',
        voice: 'Comptez deux à quatre jours ouvrés en France métropolitaine.',
      },
    },
  ),
  en(
    'delivery-times',
    'How long does delivery take?',
    'Lamps in stock are packed within **24 working hours** and shipped with Colissimo.\n\n- Mainland France: 2 to 4 working days.\n- Belgium, Luxembourg, Switzerland: 4 to 6 working days.\n- Corsica and overseas departments: 6 to 10 working days.\n\nMade-to-order pieces (custom lampshades) ship within 3 weeks.',
    {
      category: 'Delivery',
      tags: ['delivery', 'shipping'],
      phrasings: ['When will my lamp arrive?', 'Do you ship to Belgium?', 'How many days for shipping?'],
      variants: {
        sms: 'Delivery takes 2-4 working days in France, 4-6 in Belgium and Switzerland.',
        voice: 'Delivery takes two to four working days in mainland France.',
      },
    },
  ),
  fr(
    'suivre-ma-commande',
    'Comment suivre ma commande ?',
    "Dès l'expédition, vous recevez un e-mail avec votre **numéro de suivi** Colissimo.\n\n1. Ouvrez l'e-mail « Votre commande est en route ».\n2. Cliquez sur le lien de suivi, ou saisissez le numéro sur [laposte.fr](https://www.laposte.fr/outils/suivre-vos-envois).\n\nVous pouvez aussi retrouver le suivi dans votre espace client, rubrique *Mes commandes*.",
    {
      category: 'Commandes',
      tags: ['suivi', 'commande', 'colis'],
      phrasings: ['Où est mon colis ?', 'Ma commande est en retard', "Je n'ai pas reçu ma commande"],
      variants: { sms: 'Votre numéro de suivi est dans l’e-mail « Votre commande est en route » et dans Mes commandes.' },
    },
  ),
  en(
    'track-my-order',
    'How do I track my order?',
    'As soon as your order ships, you get an email with your Colissimo **tracking number**.\n\n1. Open the email "Your order is on its way".\n2. Click the tracking link, or enter the number on [laposte.fr](https://www.laposte.fr/outils/suivre-vos-envois).\n\nTracking is also in your account, under *My orders*.',
    {
      category: 'Orders',
      tags: ['tracking', 'order', 'parcel'],
      phrasings: ['Where is my parcel?', 'My order is late', 'I have not received my order'],
      variants: { sms: 'Your tracking number is in the "Your order is on its way" email and under My orders.' },
    },
  ),
  fr(
    'retours-et-remboursements',
    'Comment retourner un article ?',
    "Vous disposez de **30 jours** après réception pour nous retourner un article, sans justification.\n\n1. Demandez une étiquette de retour depuis *Mes commandes*.\n2. Emballez la lampe dans son carton d'origine, ampoule retirée.\n3. Déposez le colis en bureau de poste.\n\nLe remboursement est fait sur le moyen de paiement d'origine sous 5 jours ouvrés après réception du retour. Les abat-jour sur mesure ne sont ni repris ni échangés.",
    {
      category: 'Retours',
      tags: ['retour', 'remboursement'],
      phrasings: ['Je veux être remboursé', 'Puis-je échanger ma lampe ?', 'Rétractation'],
      variants: { sms: 'Retour gratuit sous 30 jours depuis Mes commandes ; remboursement sous 5 jours ouvrés après réception.' },
    },
  ),
  en(
    'returns-and-refunds',
    'How do I return an item?',
    'You have **30 days** after delivery to return an item, no questions asked.\n\n1. Request a return label from *My orders*.\n2. Pack the lamp in its original box, bulb removed.\n3. Drop the parcel at a post office.\n\nWe refund the original payment method within 5 working days of receiving the return. Custom lampshades cannot be returned or exchanged.',
    {
      category: 'Returns',
      tags: ['return', 'refund'],
      phrasings: ['I want a refund', 'Can I exchange my lamp?', 'Money back'],
      variants: { sms: 'Free returns within 30 days from My orders; refund within 5 working days of receipt.' },
    },
  ),
  fr(
    'garantie',
    'Quelle est la garantie de mes luminaires ?',
    "Tous nos luminaires sont garantis **2 ans** pièces et main-d'œuvre, 5 ans pour les modèles de la collection *Atelier*.\n\nLa garantie couvre les défauts de fabrication et les pannes électriques. Elle ne couvre pas les ampoules, la casse après livraison ni l'usure normale. Pour la faire jouer, envoyez une photo et votre numéro de commande au service client.",
    { category: 'Garantie', tags: ['garantie', 'panne', 'sav'], phrasings: ['Ma lampe ne fonctionne plus', 'Ma lampe est en panne', 'SAV'] },
  ),
  en(
    'warranty',
    'What warranty do your lamps have?',
    'All our lamps carry a **2-year** parts and labour warranty, 5 years for the *Atelier* collection.\n\nIt covers manufacturing defects and electrical failures, not bulbs, breakage after delivery or normal wear. To claim it, send a photo and your order number to customer service.',
    { category: 'Warranty', tags: ['warranty', 'repair'], phrasings: ['My lamp stopped working', 'My lamp is broken', 'Lamp does not turn on'] },
  ),
  fr(
    'moyens-de-paiement',
    'Quels moyens de paiement acceptez-vous ?',
    'Nous acceptons la **carte bancaire** (CB, Visa, Mastercard, American Express), **PayPal**, Apple Pay et le virement bancaire pour les commandes professionnelles.\n\nLe paiement en 3 fois sans frais est proposé dès 150 € d’achat. Votre carte est débitée à l’expédition.',
    {
      category: 'Paiement',
      tags: ['paiement', 'carte', 'paypal'],
      phrasings: ['Puis-je payer en plusieurs fois ?', 'Acceptez-vous PayPal ?'],
      variants: { sms: 'CB, Visa, Mastercard, Amex, PayPal, Apple Pay ; 3 fois sans frais dès 150 €.' },
    },
  ),
  en(
    'payment-methods',
    'Which payment methods do you accept?',
    'We accept **cards** (Visa, Mastercard, American Express), **PayPal**, Apple Pay, and bank transfer for business orders.\n\nInterest-free payment in 3 instalments is available from €150. Your card is charged when the order ships.',
    {
      category: 'Payment',
      tags: ['payment', 'card', 'paypal'],
      phrasings: ['Can I pay in instalments?', 'Do you take PayPal?'],
      variants: { sms: 'Visa, Mastercard, Amex, PayPal, Apple Pay; 3 interest-free instalments from €150.' },
    },
  ),
  fr(
    'horaires-boutique',
    'Quels sont les horaires de la boutique ?',
    'Notre boutique-atelier, 12 rue des Lanternes à Lyon, est ouverte du **mardi au samedi, de 10 h à 19 h**. Elle est fermée le dimanche, le lundi et les jours fériés.\n\nLe service client répond du lundi au vendredi de 9 h à 18 h.',
    {
      category: 'Boutique',
      tags: ['horaires', 'boutique', 'magasin'],
      phrasings: ['Êtes-vous ouverts le dimanche ?', 'Adresse du magasin'],
      variants: { voice: 'La boutique de Lyon est ouverte du mardi au samedi, de dix heures à dix-neuf heures.' },
    },
  ),
  en(
    'store-hours',
    'What are your store opening hours?',
    'Our workshop store, 12 rue des Lanternes in Lyon, is open **Tuesday to Saturday, 10 am to 7 pm**. It is closed on Sundays, Mondays and public holidays.\n\nCustomer service answers Monday to Friday, 9 am to 6 pm.',
    {
      category: 'Store',
      tags: ['hours', 'store', 'shop'],
      phrasings: ['Are you open on Sunday?', 'Where is your shop?'],
      variants: { voice: 'The Lyon store is open Tuesday to Saturday, from ten am to seven pm.' },
    },
  ),
  {
    kind: 'procedure',
    language: 'fr',
    slug: 'procedure-colis-endommage',
    title: 'Procédure : colis reçu endommagé',
    body: 'À suivre quand un client signale une lampe cassée à la livraison.',
    category: 'Procédures',
    tags: ['casse', 'transport'],
    audiences: ['agent'],
    phrasings: ['Ma lampe est arrivée cassée', 'Colis abîmé'],
    steps: [
      'Demander le numéro de commande et des photos du colis et de la lampe.',
      'Vérifier la date de livraison (réclamation transporteur sous 48 h).',
      'Ouvrir une réclamation Colissimo depuis l’outil transporteur.',
      'Proposer un renvoi immédiat ou un remboursement, au choix du client.',
      'Noter la décision dans la conversation.',
    ],
  },
  {
    kind: 'procedure',
    language: 'en',
    slug: 'procedure-damaged-parcel',
    title: 'Procedure: parcel received damaged',
    body: 'Follow this when a customer reports a lamp broken on delivery.',
    category: 'Procedures',
    tags: ['breakage', 'shipping'],
    audiences: ['agent'],
    phrasings: ['My lamp arrived broken', 'Damaged parcel'],
    steps: [
      'Ask for the order number and photos of the parcel and the lamp.',
      'Check the delivery date (carrier claims within 48 hours).',
      'Open a Colissimo claim from the carrier tool.',
      'Offer an immediate replacement or a refund, as the customer prefers.',
      'Note the decision in the conversation.',
    ],
  },
  {
    kind: 'canned',
    language: 'fr',
    slug: 'reponse-accueil',
    title: "Message d'accueil",
    body: 'Bonjour et merci de votre message ! Je suis là pour vous aider : pouvez-vous me donner votre numéro de commande ?',
    category: 'Réponses types',
    audiences: ['agent'],
  },
];

/** Demo synonyms (per workspace in real use). */
export const DEMO_SYNONYMS: readonly string[][] = [
  ['colis', 'paquet', 'commande'],
  ['lampe', 'luminaire', 'lampadaire', 'applique'],
  ['remboursement', 'rembourser', 'remboursé'],
  ['parcel', 'package', 'order'],
  ['lamp', 'light', 'lighting'],
  ['refund', 'money back'],
];
