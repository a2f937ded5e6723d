import type { BotDefinitionInput } from '../definition/bot-definition.schema.js';

/**
 * The demo brand's virtual agent, attached to the demo web chat: order tracking through the
 * demo back-office (`/demo/api/orders/{ref}`, a route of this server), small talk, handoff.
 *
 * @example
 * const parsed = parseBotDefinition(LUMI_BOT);
 */
export const LUMI_BOT: BotDefinitionInput = {
  format: 'parley-bot/1',
  name: 'Lumi',
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  persona: {
    name: 'Lumi',
    tone: 'vous',
    introduction: {
      fr: 'Bonjour{{firstName}} ! Je suis Lumi, l’assistant virtuel de Maison Lumière (un robot, pas un humain). Je peux suivre votre commande ou répondre à vos questions ; dites « conseiller » à tout moment pour parler à une personne.',
      en: 'Hello{{firstName}}! I am Lumi, Maison Lumière’s virtual assistant (a bot, not a human). I can track your order or answer your questions; say “agent” at any time to talk to a person.',
    },
  },
  thresholds: { intent: 0.5, answer: 0.45 },
  intents: [
    {
      id: 'track_order',
      label: { fr: 'Suivre ma commande', en: 'Track my order' },
      phrases: {
        fr: [
          'où en est ma commande',
          'où est ma commande',
          'je voudrais suivre ma commande',
          'quand vais-je recevoir mon colis',
          'ma commande n’est pas arrivée',
          'suivi de commande',
          'statut de ma commande',
          'mon colis est en retard',
          'je n’ai toujours pas reçu ma lampe',
          'quelle est la date de livraison de ma commande',
        ],
        en: [
          'where is my order',
          'track my order',
          'when will my parcel arrive',
          'my order has not arrived',
          'order status',
          'my package is late',
          'i still have not received my lamp',
          'what is the delivery date of my order',
          'has my order shipped',
        ],
      },
    },
    {
      id: 'opening_hours',
      label: { fr: 'Horaires du service client', en: 'Customer service hours' },
      phrases: {
        fr: ['quels sont vos horaires', 'vous êtes ouverts quand', 'à quelle heure ouvre le service client', 'horaires d’ouverture'],
        en: ['what are your opening hours', 'when are you open', 'what time does customer service open', 'opening hours'],
      },
    },
  ],
  answers: [
    {
      intent: 'opening_hours',
      text: {
        fr: 'Nos conseillers vous répondent du lundi au samedi, de 9 h à 19 h.',
        en: 'Our agents answer Monday to Saturday, 9 am to 7 pm (Paris time).',
      },
    },
  ],
  entities: { regexes: [{ name: 'order_ref', pattern: '\\b(CMD-\\d{4,8})\\b', flags: 'i' }] },
  scenarios: [
    {
      id: 'order_tracking',
      intent: 'track_order',
      steps: [
        {
          id: 'ask_ref',
          type: 'question',
          slot: 'orderRef',
          entity: 'regex:order_ref',
          prompt: {
            fr: 'Je regarde ça tout de suite. Quel est votre numéro de commande ? (il commence par CMD-, par exemple CMD-10042)',
            en: 'Let me check. What is your order number? (it starts with CMD-, for example CMD-10042)',
          },
          reprompt: {
            fr: 'Je n’ai pas reconnu de numéro de commande. Il ressemble à CMD-10042 : pouvez-vous me le redonner ?',
            en: 'I did not recognise an order number. It looks like CMD-10042: could you give it again?',
          },
          maxTries: 3,
          next: 'lookup',
        },
        {
          id: 'lookup',
          type: 'http',
          method: 'GET',
          url: '/demo/api/orders/{{slots.orderRef}}',
          headers: { accept: 'application/json' },
          responseMap: { orderStatus: 'statusLabel', deliveryDate: 'deliveryDate', carrier: 'carrier' },
          timeoutMs: 5000,
          onError: 'not_found',
          next: 'answer',
        },
        {
          id: 'answer',
          type: 'message',
          variants: [
            {
              fr: 'Votre commande {{slots.orderRef}} est {{attributes.orderStatus}}. Livraison prévue le {{attributes.deliveryDate}} ({{attributes.carrier}}).',
              en: 'Your order {{slots.orderRef}} is {{attributes.orderStatus}}. Expected delivery on {{attributes.deliveryDate}} ({{attributes.carrier}}).',
            },
          ],
        },
        {
          id: 'not_found',
          type: 'message',
          variants: [
            {
              fr: 'Je ne trouve pas la commande {{slots.orderRef}}. Vérifiez le numéro, ou demandez un conseiller.',
              en: 'I cannot find order {{slots.orderRef}}. Please check the number, or ask for an agent.',
            },
          ],
        },
      ],
    },
  ],
};

/** The demo back-office's orders: what `/demo/api/orders/{ref}` answers. */
export const DEMO_BACKOFFICE_ORDERS: Record<string, { status: string; statusLabel: { fr: string; en: string }; deliveryDate: string; carrier: string }> = {
  'CMD-10042': { status: 'shipped', statusLabel: { fr: 'expédiée', en: 'shipped' }, deliveryDate: '2025-06-12', carrier: 'Colissimo' },
  'CMD-10043': { status: 'preparing', statusLabel: { fr: 'en préparation', en: 'being prepared' }, deliveryDate: '2025-06-15', carrier: 'Chronopost' },
};

/**
 * The demo back-office answer for an order reference, or null.
 *
 * @example
 * demoOrder('cmd-10042', 'fr')?.statusLabel // 'expédiée'
 */
export function demoOrder(ref: string, lang: string): { ref: string; status: string; statusLabel: string; deliveryDate: string; carrier: string } | null {
  const order = DEMO_BACKOFFICE_ORDERS[ref.toUpperCase()];
  if (!order) return null;
  return { ref: ref.toUpperCase(), status: order.status, statusLabel: lang === 'en' ? order.statusLabel.en : order.statusLabel.fr, deliveryDate: order.deliveryDate, carrier: order.carrier };
}
