import type { BotDefinitionInput } from '../definition/bot-definition.schema.js';

/**
 * The demo brand's virtual agent, attached to the demo web chat: order tracking through the
 * demo back-office (`/demo/api/orders/{ref}`, a route of this server), an address change after a
 * one-time code (`POST /demo/api/address-changes`), small talk, handoff.
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
    {
      id: 'change_address',
      label: { fr: 'Changer mon adresse', en: 'Change my address' },
      phrases: {
        fr: [
          'je voudrais changer mon adresse',
          'changer mon adresse de livraison',
          'modifier mon adresse',
          'j’ai déménagé',
          'je déménage, comment mettre à jour mon adresse',
          'mettre à jour mon adresse postale',
          'nouvelle adresse de livraison',
          'changement d’adresse',
        ],
        en: [
          'i want to change my address',
          'change my delivery address',
          'update my address',
          'i have moved',
          'i am moving, how do i update my address',
          'new shipping address',
          'change of address',
        ],
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
      // A sensitive change: the customer proves who they are with a code sent to their verified
      // phone (or email) before the back-office is called.
      id: 'address_change',
      intent: 'change_address',
      steps: [
        {
          id: 'verify',
          type: 'otp',
          via: ['sms', 'email'],
          digits: 6,
          ttlSeconds: 300,
          maxAttempts: 3,
          maxResends: 1,
          onFail: 'verify_failed',
          next: 'ask_address',
        },
        {
          id: 'ask_address',
          type: 'question',
          slot: 'newAddress',
          entity: 'text',
          validate: '\\d',
          prompt: {
            fr: 'Quelle est votre nouvelle adresse (numéro, rue, code postal et ville) ?',
            en: 'What is your new address (number, street, postcode and city)?',
          },
          reprompt: {
            fr: 'Il me faut l’adresse complète, avec le numéro et le code postal, par exemple « 12 rue des Lilas, 75011 Paris ».',
            en: 'I need the full address, with the number and postcode, for example “12 Lilac Street, London E2 7DG”.',
          },
          maxTries: 3,
          next: 'save',
        },
        {
          id: 'save',
          type: 'http',
          method: 'POST',
          url: '/demo/api/address-changes',
          headers: { 'content-type': 'application/json' },
          body: '{"address":"{{slots.newAddress}}","verifiedVia":"{{attributes.verified.via}}","verifiedAt":"{{attributes.verified.at}}"}',
          responseMap: { changeRef: 'reference' },
          timeoutMs: 5000,
          onError: 'save_failed',
          next: 'confirm',
        },
        {
          id: 'confirm',
          type: 'message',
          variants: [
            {
              fr: 'C’est noté : vos prochaines livraisons iront au {{slots.newAddress}} (référence {{attributes.changeRef}}).',
              en: 'Done: your next deliveries will go to {{slots.newAddress}} (reference {{attributes.changeRef}}).',
            },
          ],
          next: 'bye',
        },
        { id: 'bye', type: 'end', csat: true },
        {
          id: 'verify_failed',
          type: 'handoff',
          reason: 'otp_failed',
          message: { fr: 'Un conseiller va vous aider à changer votre adresse.', en: 'An agent will help you change your address.' },
        },
        {
          id: 'save_failed',
          type: 'handoff',
          reason: 'address_change_failed',
          message: {
            fr: 'Je n’ai pas pu enregistrer l’adresse ; un conseiller prend le relais.',
            en: 'I could not save the address; an agent will take over.',
          },
        },
      ],
    },
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

/** An address change the demo back-office accepted. */
export interface DemoAddressChange {
  reference: string;
  address: string;
  verifiedVia: string | null;
  at: string;
}

/**
 * The demo back-office's address-change endpoint: validates the body the demo bot posts and
 * returns the accepted change, or null when it is not a usable address.
 *
 * @example
 * demoAddressChange({ address: '12 rue des Lilas, 75011 Paris', verifiedVia: 'sms' }, 1, now)?.reference // 'ADR-0001'
 */
export function demoAddressChange(body: unknown, sequence: number, now: Date): DemoAddressChange | null {
  if (body === null || typeof body !== 'object') return null;
  const { address, verifiedVia } = body as Record<string, unknown>;
  if (typeof address !== 'string' || address.trim().length < 5 || address.length > 300) return null;
  return {
    reference: `ADR-${String(sequence).padStart(4, '0')}`,
    address: address.trim(),
    verifiedVia: typeof verifiedVia === 'string' && verifiedVia ? verifiedVia : null,
    at: now.toISOString(),
  };
}

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
  return {
    ref: ref.toUpperCase(),
    status: order.status,
    statusLabel: lang === 'en' ? order.statusLabel.en : order.statusLabel.fr,
    deliveryDate: order.deliveryDate,
    carrier: order.carrier,
  };
}
