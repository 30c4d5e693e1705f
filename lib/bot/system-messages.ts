import { DEFAULT_RATING_QUESTION, RATING_THANKS } from "@/lib/csat/rating-buttons";
import { LANGUAGE_CODES, type Language } from "./languages";

/** Every message the bot writes itself rather than taking from the FAQ or the AI. */
export const SYSTEM_MESSAGE_KINDS = [
  "welcome",
  "aiDisclosure",
  "greeting",
  "goodbye",
  "aboutBot",
  "fallback",
  "away",
  "awayBack",
  "handoff",
  "unsupported",
  "rateLimited",
  "optOut",
  "optIn",
  "ratingQuestion",
  "ratingThanks",
] as const;
export type SystemMessageKind = (typeof SYSTEM_MESSAGE_KINDS)[number];

/** What each message is for, as the bot settings page labels it. */
export const SYSTEM_MESSAGE_LABELS: Record<SystemMessageKind, string> = {
  welcome: "Welcome (first message, when a welcome is set)",
  aiDisclosure: "Automated-assistant notice (first reply, when AI is on)",
  greeting: "Reply to a greeting",
  goodbye: "Reply to a goodbye",
  aboutBot: "Reply to “are you a bot?”",
  fallback: "No answer found",
  away: "Outside business hours",
  awayBack: "Outside business hours: when a person is back ({when} becomes the day and time)",
  handoff: "Passed to a person",
  unsupported: "Can't read this kind of message",
  rateLimited: "Message limit reached",
  optOut: "Unsubscribed (STOP)",
  optIn: "Subscribed again (START)",
  ratingQuestion:
    "Rating request, sent when a person closes a conversation (when ratings are on in Settings › Inbox)",
  ratingThanks: "Thanks for a rating",
};

/** Per-language wording the owner wrote; anything missing uses Parley's default. */
export type SystemMessageOverrides = Partial<
  Record<Language, Partial<Record<SystemMessageKind, string>>>
>;

export const DEFAULT_SYSTEM_MESSAGES: Record<Language, Record<SystemMessageKind, string>> = {
  en: {
    welcome: "Hi! Ask me anything about us.",
    aiDisclosure:
      "You're chatting with an automated assistant. Write “human” at any time to reach a person.",
    greeting: "Hi! How can I help you?",
    goodbye: "Bye, have a great day!",
    aboutBot:
      "Yes, I'm an automated assistant. I can answer questions about us; write “human” to reach a person.",
    fallback: "Sorry, I can't answer that yet. A person will get back to you.",
    away: "Thanks for your message! We're closed right now and will reply when we're back.",
    awayBack: "A person will be back {when}.",
    handoff: "Thanks! A person from our team will reply here as soon as possible.",
    unsupported:
      "Sorry, I can only read text messages. Please type your question, or wait and a person will look at this.",
    rateLimited:
      "Thanks for your messages! We've passed on your conversation to our team, and a person will reply soon.",
    optOut:
      "You're unsubscribed and won't get more automatic messages from us. Reply START to subscribe again.",
    optIn: "Welcome back! You're subscribed again.",
    ratingQuestion: DEFAULT_RATING_QUESTION,
    ratingThanks: RATING_THANKS,
  },
  es: {
    welcome: "¡Hola! Pregúntame lo que quieras sobre nosotros.",
    aiDisclosure:
      "Estás hablando con un asistente automático. Escribe «humano» cuando quieras para hablar con una persona.",
    greeting: "¡Hola! ¿En qué puedo ayudarte?",
    goodbye: "¡Adiós, que tengas un buen día!",
    aboutBot:
      "Sí, soy un asistente automático. Puedo responder preguntas sobre nosotros; escribe «humano» para hablar con una persona.",
    fallback: "Lo siento, todavía no puedo responder a eso. Una persona te contestará pronto.",
    away: "¡Gracias por tu mensaje! Ahora estamos cerrados y te responderemos cuando volvamos.",
    awayBack: "Una persona te atenderá {when}.",
    handoff: "¡Gracias! Una persona de nuestro equipo te responderá aquí lo antes posible.",
    unsupported:
      "Lo siento, solo puedo leer mensajes de texto. Escribe tu pregunta o espera y una persona lo revisará.",
    rateLimited:
      "¡Gracias por tus mensajes! Hemos pasado tu conversación a nuestro equipo y una persona te responderá pronto.",
    optOut:
      "Te has dado de baja y no recibirás más mensajes automáticos. Responde ALTA para volver a suscribirte.",
    optIn: "¡Bienvenido de nuevo! Vuelves a estar suscrito.",
    ratingQuestion: "¿Qué tal te atendimos hoy? Toca un botón para valorar esta conversación.",
    ratingThanks: "¡Gracias por tu valoración!",
  },
  pt: {
    welcome: "Olá! Pergunte o que quiser sobre nós.",
    aiDisclosure:
      "Você está falando com um assistente automático. Escreva “humano” a qualquer momento para falar com uma pessoa.",
    greeting: "Olá! Como posso ajudar?",
    goodbye: "Tchau, tenha um ótimo dia!",
    aboutBot:
      "Sim, sou um assistente automático. Posso responder perguntas sobre nós; escreva “humano” para falar com uma pessoa.",
    fallback: "Desculpe, ainda não sei responder isso. Uma pessoa vai te responder em breve.",
    away: "Obrigado pela mensagem! Estamos fechados agora e responderemos quando voltarmos.",
    awayBack: "Uma pessoa volta a atender {when}.",
    handoff: "Obrigado! Uma pessoa da nossa equipe vai responder aqui o mais rápido possível.",
    unsupported:
      "Desculpe, só consigo ler mensagens de texto. Escreva sua pergunta ou aguarde que uma pessoa vai ver.",
    rateLimited:
      "Obrigado pelas mensagens! Passamos sua conversa para a nossa equipe e uma pessoa vai responder em breve.",
    optOut:
      "Sua inscrição foi cancelada e você não receberá mais mensagens automáticas. Responda VOLTAR para se inscrever de novo.",
    optIn: "Bem-vindo de volta! Sua inscrição está ativa novamente.",
    ratingQuestion:
      "Como foi o nosso atendimento hoje? Toque num botão para avaliar esta conversa.",
    ratingThanks: "Obrigado pela sua avaliação!",
  },
  fr: {
    welcome: "Bonjour ! Posez-moi vos questions sur nous.",
    aiDisclosure:
      "Vous échangez avec un assistant automatique. Écrivez « humain » à tout moment pour parler à une personne.",
    greeting: "Bonjour ! Comment puis-je vous aider ?",
    goodbye: "Au revoir, bonne journée !",
    aboutBot:
      "Oui, je suis un assistant automatique. Je peux répondre à vos questions sur nous ; écrivez « humain » pour parler à une personne.",
    fallback:
      "Désolé, je ne peux pas encore répondre à cela. Une personne vous répondra rapidement.",
    away: "Merci pour votre message ! Nous sommes fermés pour le moment et vous répondrons à notre retour.",
    awayBack: "Une personne sera de retour {when}.",
    handoff: "Merci ! Une personne de notre équipe vous répondra ici dès que possible.",
    unsupported:
      "Désolé, je ne sais lire que les messages texte. Écrivez votre question, ou patientez : une personne va regarder.",
    rateLimited:
      "Merci pour vos messages ! Nous avons transmis la conversation à notre équipe, une personne vous répondra bientôt.",
    optOut:
      "Vous êtes désabonné et ne recevrez plus de messages automatiques. Répondez DÉMARRER pour vous réabonner.",
    optIn: "Bon retour ! Vous êtes de nouveau abonné.",
    ratingQuestion:
      "Comment s'est passé notre échange aujourd'hui ? Touchez un bouton pour noter cette conversation.",
    ratingThanks: "Merci pour votre note !",
  },
  de: {
    welcome: "Hallo! Fragen Sie mich alles über uns.",
    aiDisclosure:
      "Sie schreiben mit einem automatischen Assistenten. Schreiben Sie jederzeit „Mensch“, um mit einer Person zu sprechen.",
    greeting: "Hallo! Wie kann ich helfen?",
    goodbye: "Tschüss, einen schönen Tag noch!",
    aboutBot:
      "Ja, ich bin ein automatischer Assistent. Ich beantworte Fragen über uns; schreiben Sie „Mensch“, um mit einer Person zu sprechen.",
    fallback: "Das kann ich leider noch nicht beantworten. Eine Person meldet sich bald bei Ihnen.",
    away: "Danke für Ihre Nachricht! Wir haben gerade geschlossen und antworten, sobald wir zurück sind.",
    awayBack: "Eine Person ist {when} wieder für Sie da.",
    handoff: "Danke! Eine Person aus unserem Team antwortet hier so bald wie möglich.",
    unsupported:
      "Ich kann leider nur Textnachrichten lesen. Schreiben Sie Ihre Frage, oder warten Sie, bis eine Person nachsieht.",
    rateLimited:
      "Danke für Ihre Nachrichten! Wir haben das Gespräch an unser Team weitergegeben; eine Person antwortet bald.",
    optOut:
      "Sie sind abgemeldet und bekommen keine automatischen Nachrichten mehr. Antworten Sie START, um sich wieder anzumelden.",
    optIn: "Willkommen zurück! Sie sind wieder angemeldet.",
    ratingQuestion:
      "Wie zufrieden waren Sie heute mit uns? Tippen Sie auf eine Schaltfläche, um dieses Gespräch zu bewerten.",
    ratingThanks: "Vielen Dank für Ihre Bewertung!",
  },
  it: {
    welcome: "Ciao! Chiedimi quello che vuoi su di noi.",
    aiDisclosure:
      "Stai parlando con un assistente automatico. Scrivi «umano» in qualsiasi momento per parlare con una persona.",
    greeting: "Ciao! Come posso aiutarti?",
    goodbye: "Ciao, buona giornata!",
    aboutBot:
      "Sì, sono un assistente automatico. Rispondo a domande su di noi; scrivi «umano» per parlare con una persona.",
    fallback: "Mi dispiace, non so ancora rispondere. Una persona ti risponderà a breve.",
    away: "Grazie per il messaggio! Ora siamo chiusi e ti risponderemo al nostro rientro.",
    awayBack: "Una persona sarà di nuovo disponibile {when}.",
    handoff: "Grazie! Una persona del nostro team ti risponderà qui il prima possibile.",
    unsupported:
      "Mi dispiace, posso leggere solo messaggi di testo. Scrivi la tua domanda, oppure attendi: una persona darà un'occhiata.",
    rateLimited:
      "Grazie per i messaggi! Abbiamo passato la conversazione al nostro team e una persona ti risponderà presto.",
    optOut:
      "Hai annullato l'iscrizione e non riceverai più messaggi automatici. Rispondi AVVIA per iscriverti di nuovo.",
    optIn: "Bentornato! Sei di nuovo iscritto.",
    ratingQuestion:
      "Come ti abbiamo assistito oggi? Tocca un pulsante per valutare questa conversazione.",
    ratingThanks: "Grazie per la tua valutazione!",
  },
  sw: {
    welcome: "Habari! Niulize chochote kuhusu sisi.",
    aiDisclosure:
      "Unazungumza na msaidizi wa kiotomatiki. Andika “binadamu” wakati wowote ili kuongea na mtu.",
    greeting: "Habari! Nikusaidie nini?",
    goodbye: "Kwaheri, uwe na siku njema!",
    aboutBot:
      "Ndiyo, mimi ni msaidizi wa kiotomatiki. Ninajibu maswali kuhusu sisi; andika “binadamu” ili kuongea na mtu.",
    fallback: "Samahani, siwezi kujibu hilo bado. Mtu atakujibu hivi karibuni.",
    away: "Asante kwa ujumbe wako! Tumefunga kwa sasa na tutakujibu tukirudi.",
    awayBack: "Mtu atarudi {when}.",
    handoff: "Asante! Mtu kutoka timu yetu atakujibu hapa haraka iwezekanavyo.",
    unsupported:
      "Samahani, ninaweza kusoma ujumbe wa maandishi tu. Andika swali lako, au subiri mtu ataliangalia.",
    rateLimited:
      "Asante kwa ujumbe wako! Tumepeleka mazungumzo kwa timu yetu, na mtu atakujibu hivi karibuni.",
    optOut:
      "Umejiondoa na hutapokea tena ujumbe wa kiotomatiki kutoka kwetu. Jibu ANZA ili kujiunga tena.",
    optIn: "Karibu tena! Umejiunga tena.",
    ratingQuestion: "Tumekuhudumiaje leo? Gusa kitufe kimoja kutathmini mazungumzo haya.",
    ratingThanks: "Asante kwa tathmini yako!",
  },
  tr: {
    welcome: "Merhaba! Bizimle ilgili her şeyi sorabilirsiniz.",
    aiDisclosure:
      "Otomatik bir asistanla yazışıyorsunuz. Bir kişiyle görüşmek için istediğiniz zaman “insan” yazın.",
    greeting: "Merhaba! Size nasıl yardımcı olabilirim?",
    goodbye: "Hoşça kalın, iyi günler!",
    aboutBot:
      "Evet, otomatik bir asistanım. Bizimle ilgili soruları yanıtlarım; bir kişiyle görüşmek için “insan” yazın.",
    fallback: "Üzgünüm, buna henüz yanıt veremiyorum. Bir kişi size kısa sürede dönecek.",
    away: "Mesajınız için teşekkürler! Şu an kapalıyız, döndüğümüzde yanıt vereceğiz.",
    awayBack: "Bir kişi {when} tekrar burada olacak.",
    handoff: "Teşekkürler! Ekibimizden bir kişi en kısa sürede buradan yanıt verecek.",
    unsupported:
      "Üzgünüm, yalnızca metin mesajlarını okuyabiliyorum. Sorunuzu yazın ya da bekleyin, bir kişi bakacak.",
    rateLimited:
      "Mesajlarınız için teşekkürler! Konuşmayı ekibimize ilettik, bir kişi yakında yanıt verecek.",
    optOut:
      "Aboneliğiniz iptal edildi, artık otomatik mesaj almayacaksınız. Yeniden abone olmak için BASLA yazın.",
    optIn: "Tekrar hoş geldiniz! Aboneliğiniz yeniden açıldı.",
    ratingQuestion:
      "Bugün size nasıl yardımcı olduk? Bu görüşmeyi değerlendirmek için bir düğmeye dokunun.",
    ratingThanks: "Değerlendirmeniz için teşekkürler!",
  },
  id: {
    welcome: "Halo! Tanyakan apa saja tentang kami.",
    aiDisclosure:
      "Anda sedang mengobrol dengan asisten otomatis. Tulis “manusia” kapan saja untuk berbicara dengan orang.",
    greeting: "Halo! Ada yang bisa saya bantu?",
    goodbye: "Sampai jumpa, semoga hari Anda menyenangkan!",
    aboutBot:
      "Ya, saya asisten otomatis. Saya menjawab pertanyaan tentang kami; tulis “manusia” untuk berbicara dengan orang.",
    fallback: "Maaf, saya belum bisa menjawab itu. Seseorang akan segera membalas Anda.",
    away: "Terima kasih atas pesan Anda! Kami sedang tutup dan akan membalas saat kembali.",
    awayBack: "Seseorang akan kembali {when}.",
    handoff: "Terima kasih! Seseorang dari tim kami akan membalas di sini secepatnya.",
    unsupported:
      "Maaf, saya hanya bisa membaca pesan teks. Tulis pertanyaan Anda, atau tunggu dan seseorang akan melihatnya.",
    rateLimited:
      "Terima kasih atas pesan Anda! Percakapan ini sudah kami teruskan ke tim kami, dan seseorang akan segera membalas.",
    optOut:
      "Anda telah berhenti berlangganan dan tidak akan menerima pesan otomatis lagi. Balas MULAI untuk berlangganan lagi.",
    optIn: "Selamat datang kembali! Anda berlangganan lagi.",
    ratingQuestion:
      "Bagaimana layanan kami hari ini? Ketuk salah satu tombol untuk menilai percakapan ini.",
    ratingThanks: "Terima kasih atas penilaian Anda!",
  },
  hi: {
    welcome: "नमस्ते! हमारे बारे में कुछ भी पूछिए।",
    aiDisclosure:
      "आप एक स्वचालित सहायक से बात कर रहे हैं। किसी व्यक्ति से बात करने के लिए कभी भी “इंसान” लिखें।",
    greeting: "नमस्ते! मैं आपकी क्या मदद कर सकता हूँ?",
    goodbye: "अलविदा, आपका दिन शुभ हो!",
    aboutBot:
      "हाँ, मैं एक स्वचालित सहायक हूँ। मैं हमारे बारे में सवालों के जवाब देता हूँ; किसी व्यक्ति से बात करने के लिए “इंसान” लिखें।",
    fallback: "माफ़ कीजिए, मैं अभी इसका जवाब नहीं दे सकता। कोई व्यक्ति जल्द ही आपको जवाब देगा।",
    away: "आपके संदेश के लिए धन्यवाद! अभी हम बंद हैं, लौटते ही जवाब देंगे।",
    awayBack: "कोई व्यक्ति {when} वापस आएगा।",
    handoff: "धन्यवाद! हमारी टीम का कोई व्यक्ति जल्द से जल्द यहाँ जवाब देगा।",
    unsupported:
      "माफ़ कीजिए, मैं केवल टेक्स्ट संदेश पढ़ सकता हूँ। अपना सवाल लिखिए, या प्रतीक्षा कीजिए, कोई व्यक्ति देखेगा।",
    rateLimited:
      "आपके संदेशों के लिए धन्यवाद! हमने आपकी बातचीत अपनी टीम को भेज दी है, कोई व्यक्ति जल्द जवाब देगा।",
    optOut: "आपकी सदस्यता रद्द हो गई है, अब आपको स्वचालित संदेश नहीं मिलेंगे। फिर से जुड़ने के लिए START लिखें।",
    optIn: "फिर से स्वागत है! आपकी सदस्यता फिर से चालू है।",
    ratingQuestion: "आज हमारी सेवा कैसी रही? इस बातचीत को रेटिंग देने के लिए एक बटन दबाएँ।",
    ratingThanks: "आपकी रेटिंग के लिए धन्यवाद!",
  },
  ar: {
    welcome: "مرحبًا! اسألني أي شيء عنا.",
    aiDisclosure: "أنت تتحدث مع مساعد آلي. اكتب «إنسان» في أي وقت للتحدث مع شخص.",
    greeting: "مرحبًا! كيف يمكنني مساعدتك؟",
    goodbye: "مع السلامة، نتمنى لك يومًا سعيدًا!",
    aboutBot: "نعم، أنا مساعد آلي. أجيب عن الأسئلة المتعلقة بنا؛ اكتب «إنسان» للتحدث مع شخص.",
    fallback: "عذرًا، لا أستطيع الإجابة عن ذلك بعد. سيرد عليك أحد أفراد فريقنا قريبًا.",
    away: "شكرًا لرسالتك! نحن مغلقون الآن وسنرد عليك عند عودتنا.",
    awayBack: "سيعود أحد أفراد فريقنا {when}.",
    handoff: "شكرًا! سيرد عليك أحد أفراد فريقنا هنا في أقرب وقت ممكن.",
    unsupported:
      "عذرًا، يمكنني قراءة الرسائل النصية فقط. اكتب سؤالك، أو انتظر وسيطلع عليه أحد أفراد فريقنا.",
    rateLimited: "شكرًا لرسائلك! حوّلنا محادثتك إلى فريقنا، وسيرد عليك أحد قريبًا.",
    optOut: "تم إلغاء اشتراكك ولن تصلك رسائل آلية منا بعد الآن. أرسل START للاشتراك من جديد.",
    optIn: "مرحبًا بعودتك! تم تفعيل اشتراكك من جديد.",
    ratingQuestion: "كيف كانت خدمتنا اليوم؟ اضغط على أحد الأزرار لتقييم هذه المحادثة.",
    ratingThanks: "شكرًا لتقييمك!",
  },
};

/** The owner's own columns, which are the wording in the workspace's default language. */
export type OwnerWording = {
  welcomeMessage: string | null;
  fallbackMessage: string | null;
  awayMessage: string | null;
  /** The rating question, from Settings › Inbox. */
  csatQuestion?: string | null;
};

const OWNER_COLUMN: Partial<Record<SystemMessageKind, keyof OwnerWording>> = {
  welcome: "welcomeMessage",
  fallback: "fallbackMessage",
  away: "awayMessage",
  ratingQuestion: "csatQuestion",
};

export type SystemMessageSettings = OwnerWording & {
  defaultLanguage: string;
  systemMessages: SystemMessageOverrides | null;
};

/**
 * The owner's own text for a message, from the Bot page's main wording: none when it is empty or
 * one of Parley's defaults (a workspace starts with the English fallback), which is not the
 * owner's and so does not stand in for another language's default.
 */
export function ownerText(settings: SystemMessageSettings, kind: SystemMessageKind): string | null {
  const column = OWNER_COLUMN[kind];
  const text = column ? settings[column]?.trim() : undefined;
  if (!text) return null;
  return LANGUAGE_CODES.some((l) => DEFAULT_SYSTEM_MESSAGES[l][kind] === text) ? null : text;
}

/**
 * The wording of one system message in a language: the owner's text for that language, else the
 * owner's main wording (whatever language the customer writes: it says what only the business
 * knows), else Parley's default in that language.
 */
export function systemMessage(
  settings: SystemMessageSettings,
  kind: SystemMessageKind,
  language: Language,
): string {
  const own = settings.systemMessages?.[language]?.[kind]?.trim();
  if (own) return own;
  return ownerText(settings, kind) ?? DEFAULT_SYSTEM_MESSAGES[language][kind];
}

/**
 * The owner's main wording when a message in this language carries it as written, because the
 * owner wrote nothing for the language: the text the AI may translate for the customer.
 */
export function untranslatedOwnerText(
  settings: SystemMessageSettings,
  kind: SystemMessageKind,
  language: Language,
): string | null {
  if (language === settings.defaultLanguage) return null;
  if (settings.systemMessages?.[language]?.[kind]?.trim()) return null;
  return ownerText(settings, kind);
}
