// Demo project 1: a one-call-per-turn router for an online shop's support desk.
import {
  call,
  example,
  noTool,
  toolResult,
  user,
  type SeedProject,
  type SeedTool,
} from "./types";

const ORDER_ID = {
  type: "string",
  pattern: "^ORD-\\d{5}$",
  description:
    'The order number, "ORD-" followed by five digits (e.g. ORD-48213). Normalise "ord 48213" or "#ORD-48213" to this form.',
};

const tools: SeedTool[] = [
  {
    name: "track_order",
    description:
      "Look up the shipping status and estimated delivery date of one order. Use when the customer asks where an order is, whether it has shipped, or when it will arrive.",
    parameters: {
      type: "object",
      properties: {
        order_id: ORDER_ID,
        email: {
          type: "string",
          format: "email",
          description:
            "The email address the order was placed with, only if the customer gave it.",
        },
      },
      required: ["order_id"],
      additionalProperties: false,
    },
  },
  {
    name: "request_refund",
    description:
      "Open a refund request for an order. Use when the customer asks for their money back. Needs the order number and why the refund is wanted; if either is missing, ask for it instead.",
    parameters: {
      type: "object",
      properties: {
        order_id: ORDER_ID,
        reason: {
          type: "string",
          enum: [
            "damaged",
            "not_received",
            "wrong_item",
            "changed_mind",
            "other",
          ],
          description: "Why the customer wants a refund.",
        },
        amount: {
          type: "number",
          minimum: 0,
          description:
            "Amount to refund in the order's currency, only when the customer names one (a partial refund). Leave out for a full refund.",
        },
        details: {
          type: "string",
          maxLength: 500,
          description:
            "Specifics the customer gave (what broke, what arrived instead), in a short phrase.",
        },
      },
      required: ["order_id", "reason"],
      additionalProperties: false,
    },
  },
  {
    name: "escalate",
    description:
      "Hand the conversation to a human agent. Use when the customer asks for a person or manager, reports a safety problem, fraud, a billing error, or a problem that earlier contacts did not solve. Priority: urgent for safety, fraud or legal threats; high for billing errors and repeat or angry contacts; low when the customer says it is not urgent; normal otherwise.",
    parameters: {
      type: "object",
      properties: {
        summary: {
          type: "string",
          minLength: 10,
          maxLength: 500,
          description:
            "One or two sentences for the agent: what happened, with any order numbers the customer gave.",
        },
        priority: { type: "string", enum: ["low", "normal", "high", "urgent"] },
        channel: {
          type: "string",
          enum: ["email", "phone", "chat"],
          description:
            "How the customer wants to be contacted, only if they said so.",
        },
      },
      required: ["summary", "priority"],
      additionalProperties: false,
    },
  },
];

const track = (order_id: string, email?: string) =>
  call("track_order", email ? { order_id, email } : { order_id });

export const customerSupport: SeedProject = {
  name: "Customer support router",
  description:
    "Routes customer messages for an online shop to order tracking, refunds or a human agent, one tool per turn. Greetings, policy questions, off-topic requests and requests missing an order number get no tool.",
  outputStyle: "router_json",
  parallelToolCalls: false,
  tools,
  examples: [
    // ── track_order ────────────────────────────────────────────────────────────
    example(
      "train",
      ["tracking"],
      user("Where is my order ORD-48213?"),
      track("ORD-48213"),
    ),
    example(
      "train",
      ["tracking", "casual", "typo"],
      user("hey can u check on ord-10577 pls"),
      track("ORD-10577"),
    ),
    example(
      "validation",
      ["tracking", "short"],
      user("Tracking status for ORD-99120"),
      track("ORD-99120"),
    ),
    example(
      "train",
      ["tracking", "long"],
      user(
        "I ordered a blender two weeks ago, order number ORD-33045, and the website still says 'processing'. I was told it would ship in 2-3 days. Can you tell me where it actually is?",
      ),
      track("ORD-33045"),
    ),
    example(
      "gold",
      ["tracking", "angry"],
      user("wheres my stuff?? ORD-72210"),
      track("ORD-72210"),
    ),
    example(
      "train",
      ["tracking", "email"],
      user(
        "Could you look up order ORD-56781? The email on it is dana.whitfield@example.com.",
      ),
      track("ORD-56781", "dana.whitfield@example.com"),
    ),
    example(
      "train",
      ["tracking", "short"],
      user("ORD-20419"),
      track("ORD-20419"),
    ),
    example(
      "train",
      ["tracking", "casual"],
      user("has ORD-61102 shipped yet"),
      track("ORD-61102"),
    ),
    example(
      "validation",
      ["tracking", "polite"],
      user("Hi, I'd like an update on my delivery, order ORD-14876. Thanks!"),
      track("ORD-14876"),
    ),
    example(
      "train",
      ["tracking"],
      user(
        "My package was supposed to arrive yesterday. Order ORD-80333. What's going on?",
      ),
      track("ORD-80333"),
    ),
    example(
      "gold",
      ["tracking", "typo"],
      user("trak order ORD-45590"),
      track("ORD-45590"),
    ),
    example(
      "train",
      ["tracking"],
      user("When will ORD-27764 get here? I need it before the weekend."),
      track("ORD-27764"),
    ),
    example(
      "train",
      ["tracking", "email"],
      user(
        "Can you check ORD-39018 for me? I placed it under m.okafor@example.org",
      ),
      track("ORD-39018", "m.okafor@example.org"),
    ),
    example(
      "train",
      ["tracking", "casual"],
      user("status of my order pls, it's ORD-11223"),
      track("ORD-11223"),
    ),
    example(
      "validation",
      ["tracking", "short"],
      user("Is ORD-66410 out for delivery?"),
      track("ORD-66410"),
    ),
    example(
      "train",
      ["tracking"],
      user("I think my order got lost. ORD-50092. Can you see where it is?"),
      track("ORD-50092"),
    ),
    example(
      "train",
      ["tracking", "long"],
      user(
        "Order ORD-73305 - the tracking number in the confirmation email doesn't work on the carrier's site. Can you check the status on your end?",
      ),
      track("ORD-73305"),
    ),
    example(
      "train",
      ["tracking", "mixed-language"],
      user("hola, where is ORD-24681?"),
      track("ORD-24681"),
    ),
    example(
      "train",
      ["tracking", "short"],
      user("Need the ETA on ORD-85127"),
      track("ORD-85127"),
    ),
    example(
      "train",
      ["tracking", "email", "normalised-id"],
      user("Checking in on order #ORD-30904, ordered with priya.n@example.com"),
      track("ORD-30904", "priya.n@example.com"),
    ),
    example(
      "unassigned",
      ["tracking", "casual"],
      user("did my order ORD-41760 go out today?"),
      track("ORD-41760"),
    ),
    example(
      "train",
      ["tracking", "angry"],
      user("ORD-90215 where is it. Been a week."),
      track("ORD-90215"),
    ),
    example(
      "train",
      ["tracking", "normalised-id"],
      user("order number is ORD 12077, can you tell me if it's shipped?"),
      track("ORD-12077"),
    ),
    example(
      "train",
      ["tracking", "polite"],
      user(
        "Good morning! Could you please tell me the delivery date for order ORD-58944?",
      ),
      track("ORD-58944"),
    ),
    example(
      "train",
      ["tracking", "casual", "typo"],
      user("yo wheres ORD-36215 at, its been foreverrr"),
      track("ORD-36215"),
    ),

    // ── request_refund ─────────────────────────────────────────────────────────
    example(
      "train",
      ["refund"],
      user("The mug in order ORD-48002 arrived cracked. I want a refund."),
      call("request_refund", {
        order_id: "ORD-48002",
        reason: "damaged",
        details: "mug arrived cracked",
      }),
    ),
    example(
      "train",
      ["refund", "short"],
      user("I never got my package, order ORD-12984. Refund please."),
      call("request_refund", { order_id: "ORD-12984", reason: "not_received" }),
    ),
    example(
      "validation",
      ["refund", "angry"],
      user("You sent me the wrong size. ORD-55731. I want my money back."),
      call("request_refund", {
        order_id: "ORD-55731",
        reason: "wrong_item",
        details: "wrong size sent",
      }),
    ),
    example(
      "train",
      ["refund", "casual"],
      user("changed my mind about ORD-67120, can i get a refund"),
      call("request_refund", { order_id: "ORD-67120", reason: "changed_mind" }),
    ),
    example(
      "gold",
      ["refund", "amount"],
      user(
        "Please refund $24.99 for ORD-30118 - the charger in that order was dead on arrival, it doesn't work at all.",
      ),
      call("request_refund", {
        order_id: "ORD-30118",
        reason: "damaged",
        amount: 24.99,
        details: "charger dead on arrival",
      }),
    ),
    example(
      "train",
      ["refund"],
      user(
        "ORD-77045 came with a blue lamp instead of the green one I ordered. Please refund me.",
      ),
      call("request_refund", {
        order_id: "ORD-77045",
        reason: "wrong_item",
        details: "received a blue lamp instead of the green one ordered",
      }),
    ),
    example(
      "train",
      ["refund", "casual", "normalised-id"],
      user(
        "i want a refund for ord-20567 the box was crushed and the glasses inside were broken",
      ),
      call("request_refund", {
        order_id: "ORD-20567",
        reason: "damaged",
        details: "box crushed, glasses inside broken",
      }),
    ),
    example(
      "train",
      ["refund", "amount"],
      user(
        "Please refund just the $12.50 shipping fee on ORD-84410; the package never arrived.",
      ),
      call("request_refund", {
        order_id: "ORD-84410",
        reason: "not_received",
        amount: 12.5,
        details: "refund the shipping fee only",
      }),
    ),
    example(
      "validation",
      ["refund", "long"],
      user(
        "ORD-43398 never showed up. The tracking page said 'delivered' on Tuesday but there was nothing at my door, and my neighbours didn't get it either. I'd like a full refund.",
      ),
      call("request_refund", {
        order_id: "ORD-43398",
        reason: "not_received",
        details: "tracking shows delivered but nothing arrived",
      }),
    ),
    example(
      "train",
      ["refund"],
      user("I ordered by mistake, ORD-58826, haven't even opened it. Refund?"),
      call("request_refund", {
        order_id: "ORD-58826",
        reason: "changed_mind",
        details: "ordered by mistake, unopened",
      }),
    ),
    example(
      "gold",
      ["refund", "angry"],
      user(
        "THIS IS THE SECOND TIME MY ITEM HAS ARRIVED BROKEN. ORD-19473. REFUND ME NOW.",
      ),
      call("request_refund", {
        order_id: "ORD-19473",
        reason: "damaged",
        details: "item arrived broken, second time",
      }),
    ),
    example(
      "train",
      ["refund", "amount"],
      user(
        "The headphones from ORD-62257 are the wrong model, I got the wired ones. Refund of 59.00 please",
      ),
      call("request_refund", {
        order_id: "ORD-62257",
        reason: "wrong_item",
        amount: 59,
        details: "received wired headphones instead of the ordered model",
      }),
    ),
    example(
      "train",
      ["refund", "other-reason"],
      user(
        "I'd like a refund for ORD-36640. The product was discontinued and the substitute you sent isn't what I need.",
      ),
      call("request_refund", {
        order_id: "ORD-36640",
        reason: "other",
        details: "product discontinued, substitute not suitable",
      }),
    ),
    example(
      "train",
      ["refund", "short"],
      user("Refund ORD-91506, damaged"),
      call("request_refund", { order_id: "ORD-91506", reason: "damaged" }),
    ),
    example(
      "train",
      ["refund", "casual"],
      user(
        "can i get my money back on ORD-27011? changed my mind, don't need it anymore",
      ),
      call("request_refund", { order_id: "ORD-27011", reason: "changed_mind" }),
    ),
    example(
      "train",
      ["refund"],
      user(
        "Got a package for ORD-70932 but the items inside belong to someone else. I want a refund.",
      ),
      call("request_refund", {
        order_id: "ORD-70932",
        reason: "wrong_item",
        details: "package contained someone else's items",
      }),
    ),
    example(
      "gold",
      ["refund", "amount", "other-reason"],
      user(
        "My order ORD-15590 arrived three weeks late and I'd already bought the thing elsewhere. Please refund it, $89.95.",
      ),
      call("request_refund", {
        order_id: "ORD-15590",
        reason: "other",
        amount: 89.95,
        details: "arrived three weeks late",
      }),
    ),
    example(
      "train",
      ["refund", "amount", "casual"],
      user(
        "refund for ORD-48813 plz, 2 of the 6 plates were smashed so just $18 for those two",
      ),
      call("request_refund", {
        order_id: "ORD-48813",
        reason: "damaged",
        amount: 18,
        details: "2 of 6 plates smashed",
      }),
    ),
    example(
      "train",
      ["refund", "angry"],
      user("Order ORD-52074 - never received. It's been a month. Refund."),
      call("request_refund", { order_id: "ORD-52074", reason: "not_received" }),
    ),
    example(
      "unassigned",
      ["refund", "typo"],
      user("i recieved the wrong colour for ORD-29340, plz refund"),
      call("request_refund", {
        order_id: "ORD-29340",
        reason: "wrong_item",
        details: "wrong colour",
      }),
    ),

    // ── escalate ───────────────────────────────────────────────────────────────
    example(
      "train",
      ["escalation", "angry", "billing"],
      user(
        "I've been charged twice for the same order and nobody answers my emails. I want to talk to a manager NOW.",
      ),
      call("escalate", {
        summary:
          "Customer was charged twice for one order and their emails are unanswered; asks for a manager.",
        priority: "high",
      }),
    ),
    example(
      "train",
      ["escalation", "short"],
      user("can i talk to a real person please"),
      call("escalate", {
        summary: "Customer asks to speak to a human agent.",
        priority: "normal",
      }),
    ),
    example(
      "validation",
      ["escalation", "channel"],
      user("Please have someone call me about my account, it's not urgent."),
      call("escalate", {
        summary: "Customer asks for a call about their account; not urgent.",
        priority: "low",
        channel: "phone",
      }),
    ),
    example(
      "gold",
      ["escalation", "safety"],
      user(
        "The space heater I bought started smoking the first time I plugged it in. This is dangerous!",
      ),
      call("escalate", {
        summary:
          "Space heater started smoking when first plugged in; possible safety hazard.",
        priority: "urgent",
      }),
    ),
    example(
      "train",
      ["escalation", "repeat-contact"],
      user(
        "I've contacted you 4 times about ORD-40521 and still no resolution. Escalate this please.",
      ),
      call("escalate", {
        summary:
          "Fourth contact about order ORD-40521 with no resolution; customer asks to escalate.",
        priority: "high",
      }),
    ),
    example(
      "train",
      ["escalation", "fraud"],
      user("Someone has been using my account to place orders I didn't make!!"),
      call("escalate", {
        summary:
          "Customer reports orders placed on their account that they did not make; possible fraud.",
        priority: "urgent",
      }),
    ),
    example(
      "train",
      ["escalation", "complaint"],
      user(
        "I'd like to file a formal complaint about the delivery driver, he was really rude to me this morning.",
      ),
      call("escalate", {
        summary:
          "Customer wants to file a formal complaint about a rude delivery driver.",
        priority: "normal",
      }),
    ),
    example(
      "validation",
      ["escalation", "billing", "channel"],
      user(
        "Your website keeps charging my card but the order never goes through. It happened 3 times. Please email me back.",
      ),
      call("escalate", {
        summary:
          "Card charged three times while checkout failed to create an order.",
        priority: "high",
        channel: "email",
      }),
    ),
    example(
      "train",
      ["escalation", "channel", "short"],
      user("Need a supervisor. Over chat is fine."),
      call("escalate", {
        summary: "Customer asks for a supervisor.",
        priority: "normal",
        channel: "chat",
      }),
    ),
    example(
      "gold",
      ["escalation", "angry", "billing"],
      user(
        "my refund for ORD-18256 was approved 30 days ago and I still dont have the money. this is ridiculous",
      ),
      call("escalate", {
        summary:
          "Refund for ORD-18256 was approved 30 days ago but has not been paid.",
        priority: "high",
      }),
    ),
    example(
      "train",
      ["escalation", "channel", "long"],
      user(
        "Hello, I run a small café and need to discuss a bulk order of about 500 mugs. Could someone from your sales team give me a call?",
      ),
      call("escalate", {
        summary:
          "Business customer wants to discuss a bulk order of about 500 mugs with sales.",
        priority: "normal",
        channel: "phone",
      }),
    ),
    example(
      "train",
      ["escalation", "legal"],
      user(
        "I will dispute the charge with my bank if ORD-77802 isn't sorted out today. Consider this your final warning.",
      ),
      call("escalate", {
        summary:
          "Customer threatens a bank chargeback for ORD-77802 unless it is resolved today.",
        priority: "urgent",
      }),
    ),
    example(
      "validation",
      ["escalation", "safety"],
      user(
        "The baby monitor I received is on the manufacturer's recall list. Can someone look into this?",
      ),
      call("escalate", {
        summary:
          "Customer received a baby monitor that is on the manufacturer's recall list.",
        priority: "high",
      }),
    ),
    example(
      "train",
      ["escalation", "privacy"],
      user("i want to close my account and have all my personal data deleted"),
      call("escalate", {
        summary:
          "Customer asks to close their account and delete their personal data.",
        priority: "normal",
      }),
    ),
    example(
      "unassigned",
      ["escalation", "polite"],
      user(
        "Would it be possible to speak with someone about a problem with my last order? Email is best for me.",
      ),
      call("escalate", {
        summary: "Customer wants to discuss a problem with their last order.",
        priority: "normal",
        channel: "email",
      }),
    ),

    // ── no_tool ────────────────────────────────────────────────────────────────
    example(
      "train",
      ["no_tool", "greeting"],
      user("hi there"),
      noTool("greeting", "Hi! How can I help with your order today?"),
    ),
    example(
      "train",
      ["no_tool", "info"],
      user("What's your return policy?"),
      noTool(
        "info request: return policy",
        "You can return most items within 30 days of delivery for a full refund. Send me your order number if you'd like to start one.",
      ),
    ),
    example(
      "validation",
      ["no_tool", "info"],
      user("how long do refunds usually take to show up on my card"),
      noTool(
        "info request: refund timing",
        "Once a refund is approved it usually reaches your card within 5-10 business days, depending on your bank.",
      ),
    ),
    example(
      "gold",
      ["no_tool", "info"],
      user("Do you ship to Canada?"),
      noTool(
        "info request: shipping destinations",
        "Yes, we ship to Canada. Delivery usually takes 7-12 business days.",
      ),
    ),
    example(
      "train",
      ["no_tool", "underspecified"],
      user("where is my package"),
      noTool(
        "underspecified: need order_id",
        "I can check that for you. What's your order number? It looks like ORD-12345.",
      ),
    ),
    example(
      "gold",
      ["no_tool", "underspecified"],
      user("I want a refund for the broken lamp"),
      noTool(
        "underspecified: need order_id",
        "Sorry the lamp arrived broken! Which order was it? The number looks like ORD-12345.",
      ),
    ),
    example(
      "train",
      ["no_tool", "underspecified"],
      user("Please refund order ORD-83561."),
      noTool(
        "underspecified: need reason",
        "I can start that refund. What went wrong with the order: was it damaged, not received, the wrong item, or did you change your mind?",
      ),
    ),
    example(
      "validation",
      ["no_tool", "out_of_scope"],
      user("Can you recommend a good gaming laptop under $1000?"),
      noTool(
        "out of scope: product recommendations",
        "I can only help with orders, refunds and support requests, so I can't recommend products.",
      ),
    ),
    example(
      "train",
      ["no_tool", "out_of_scope"],
      user("write me a short poem about my cat"),
      noTool(
        "out of scope",
        "That's outside what I can do here: I can help with orders, refunds and support requests.",
      ),
    ),

    // ── multi-turn ─────────────────────────────────────────────────────────────
    example(
      "train",
      ["multi-turn", "tracking", "clarified"],
      user("I need to track my order"),
      noTool(
        "underspecified: need order_id",
        "Sure! What's your order number? It looks like ORD-12345.",
      ),
      user("ORD-58110"),
      track("ORD-58110"),
    ),
    example(
      "gold",
      ["multi-turn", "refund", "clarified"],
      user("i want a refund, the vase came smashed"),
      noTool(
        "underspecified: need order_id",
        "I'm sorry about the vase! Which order was it? The number looks like ORD-12345.",
      ),
      user("it's ord-26093"),
      call("request_refund", {
        order_id: "ORD-26093",
        reason: "damaged",
        details: "vase arrived smashed",
      }),
    ),
    example(
      "train",
      ["multi-turn", "refund", "clarified"],
      user("Refund for ORD-47119 please"),
      noTool(
        "underspecified: need reason",
        "Of course. What was the problem with the order: damaged, not received, wrong item, or something else?",
      ),
      user("it never arrived"),
      call("request_refund", { order_id: "ORD-47119", reason: "not_received" }),
    ),
    example(
      "validation",
      ["multi-turn", "tracking", "clarified", "email"],
      user(
        "Hi, can you check on a delivery for me? I used jamie.lee@example.net to order.",
      ),
      noTool(
        "underspecified: need order_id",
        "Happy to check. What's the order number? It starts with ORD-.",
      ),
      user("Sorry, it's ORD-64037"),
      track("ORD-64037", "jamie.lee@example.net"),
    ),
    example(
      "train",
      ["multi-turn", "tool-result", "refund"],
      user("Where's ORD-31502?"),
      call("track_order", { order_id: "ORD-31502" }, "call_1"),
      toolResult("call_1", "track_order", {
        status: "delivered",
        delivered_at: "2026-03-02",
      }),
      user("It says delivered but I don't have it. I want a refund."),
      call("request_refund", {
        order_id: "ORD-31502",
        reason: "not_received",
        details: "tracking says delivered but the package was not received",
      }),
    ),
    example(
      "train",
      ["multi-turn", "tool-result", "escalation", "angry"],
      user("track ORD-65288"),
      call("track_order", { order_id: "ORD-65288" }, "call_1"),
      toolResult("call_1", "track_order", {
        status: "delayed",
        eta: "2026-03-18",
        note: "carrier delay",
      }),
      user(
        "This is the third delay on this order. I want to speak to someone, this is unacceptable.",
      ),
      call("escalate", {
        summary:
          "Order ORD-65288 has been delayed for the third time; customer asks to speak to someone.",
        priority: "high",
      }),
    ),
    example(
      "gold",
      ["multi-turn", "tool-result", "no_tool", "greeting"],
      user("Can you check ORD-22917?"),
      call("track_order", { order_id: "ORD-22917" }, "call_1"),
      toolResult("call_1", "track_order", {
        status: "in_transit",
        eta: "2026-03-10",
      }),
      user("great, thanks!"),
      noTool(
        "greeting",
        "You're welcome! It should arrive by March 10. Anything else I can help with?",
      ),
    ),
  ],
};
