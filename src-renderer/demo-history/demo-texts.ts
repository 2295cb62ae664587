/**
 * The demo history's mention texts, by language and topic. `sentiment` and `topics` are what main's
 * enricher computes for each text with the demo's topic rules (resources/demo/topics.json); a test
 * (tests/unit/enrich/demo-history-voc.test.ts) recomputes them, so the history holds what the app would store.
 */
import type { Mention } from '../../src-main/shared/mention';

export interface DemoText {
  lang: 'en' | 'es' | 'pt' | 'fr' | 'de';
  /** The topic the text was written about (it may match others too: see `topics`). */
  topic: string;
  kind: 'complaint' | 'question' | 'praise';
  text: string;
  sentiment: Mention['sentiment'];
  topics: string[];
}

export const DEMO_TEXTS: DemoText[] = [
  {"lang": "en", "topic": "lost-luggage", "kind": "complaint", "text": "Landed two hours ago and my bag is still not on the belt. Nobody at the desk knows where it is.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["lost-luggage"]},
  {"lang": "en", "topic": "lost-luggage", "kind": "complaint", "text": "Day three without my suitcase. The tracking link just says \"in transit\".", "sentiment": {"label": "neutral", "score": 0}, "topics": ["lost-luggage"]},
  {"lang": "en", "topic": "lost-luggage", "kind": "question", "text": "How do I file a claim for my bag? The form keeps timing out.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["lost-luggage"]},
  {"lang": "en", "topic": "refunds", "kind": "complaint", "text": "Flight cancelled and all I get is a voucher. I want a refund, not credit.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["refunds", "delays"]},
  {"lang": "en", "topic": "refunds", "kind": "question", "text": "How long does a refund usually take to reach my card?", "sentiment": {"label": "positive", "score": 0.25}, "topics": ["refunds"]},
  {"lang": "en", "topic": "delays", "kind": "complaint", "text": "Third delay this week on the morning flight to Boston. Missed my meeting again.", "sentiment": {"label": "negative", "score": -0.61}, "topics": ["delays"]},
  {"lang": "en", "topic": "delays", "kind": "question", "text": "Is the 7:40 to Boston on time today? The app says delayed, the board says on time.", "sentiment": {"label": "negative", "score": -0.25}, "topics": ["delays", "app"]},
  {"lang": "en", "topic": "app", "kind": "complaint", "text": "The app logs me out every time I open my boarding pass. Third day now.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["app"]},
  {"lang": "en", "topic": "app", "kind": "complaint", "text": "Since the last update check-in crashes at the passport step.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["app"]},
  {"lang": "en", "topic": "app", "kind": "question", "text": "Can I add my boarding pass to the wallet from the new app?", "sentiment": {"label": "neutral", "score": 0}, "topics": ["app"]},
  {"lang": "en", "topic": "wifi", "kind": "complaint", "text": "Paid for wifi again and it never connected. Fourteen dollars for nothing.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["wifi"]},
  {"lang": "en", "topic": "wifi", "kind": "question", "text": "Does the wifi work over the Atlantic or only over land?", "sentiment": {"label": "neutral", "score": 0}, "topics": ["wifi"]},
  {"lang": "en", "topic": "staff", "kind": "praise", "text": "The crew on my flight were wonderful with my kids, thank you!", "sentiment": {"label": "positive", "score": 0.84}, "topics": ["staff"]},
  {"lang": "en", "topic": "staff", "kind": "praise", "text": "Huge thanks to the agent in Lisbon who rebooked me in two minutes.", "sentiment": {"label": "positive", "score": 0.61}, "topics": ["staff"]},
  {"lang": "en", "topic": "app", "kind": "praise", "text": "New version of the app is much faster, nice work.", "sentiment": {"label": "positive", "score": 0.61}, "topics": ["app"]},
  {"lang": "es", "topic": "lost-luggage", "kind": "complaint", "text": "Aterricé hace dos horas y mi maleta no aparece. Nadie en el mostrador sabe nada.", "sentiment": {"label": "positive", "score": 0.46}, "topics": ["lost-luggage"]},
  {"lang": "es", "topic": "lost-luggage", "kind": "question", "text": "¿Cómo reclamo una maleta retrasada? El formulario no carga.", "sentiment": {"label": "negative", "score": -0.25}, "topics": ["lost-luggage"]},
  {"lang": "es", "topic": "refunds", "kind": "complaint", "text": "Cancelaron mi vuelo y solo me ofrecen un bono. Quiero un reembolso.", "sentiment": {"label": "positive", "score": 0.61}, "topics": ["refunds", "delays"]},
  {"lang": "es", "topic": "refunds", "kind": "question", "text": "¿Cuánto tarda en llegar un reembolso a la tarjeta?", "sentiment": {"label": "positive", "score": 0.25}, "topics": ["refunds"]},
  {"lang": "es", "topic": "delays", "kind": "complaint", "text": "Tercer retraso esta semana en el vuelo de la mañana. Perdí mi reunión otra vez.", "sentiment": {"label": "negative", "score": -0.72}, "topics": ["delays"]},
  {"lang": "es", "topic": "app", "kind": "complaint", "text": "La aplicación me saca cada vez que abro la tarjeta de embarque.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["app"]},
  {"lang": "es", "topic": "app", "kind": "question", "text": "¿Puedo hacer el check in desde la aplicación nueva?", "sentiment": {"label": "positive", "score": 0.25}, "topics": ["app"]},
  {"lang": "es", "topic": "wifi", "kind": "complaint", "text": "Pagué el wifi y nunca funcionó. Catorce dólares perdidos.", "sentiment": {"label": "negative", "score": -0.72}, "topics": ["wifi"]},
  {"lang": "es", "topic": "staff", "kind": "praise", "text": "La tripulación fue maravillosa con mis hijos, ¡muchas gracias!", "sentiment": {"label": "positive", "score": 0.72}, "topics": ["staff"]},
  {"lang": "pt", "topic": "lost-luggage", "kind": "complaint", "text": "Pousei há duas horas e minha mala não apareceu. Ninguém no balcão sabe de nada.", "sentiment": {"label": "negative", "score": -0.61}, "topics": ["lost-luggage"]},
  {"lang": "pt", "topic": "refunds", "kind": "complaint", "text": "Cancelaram meu voo e só oferecem um voucher. Quero o reembolso.", "sentiment": {"label": "positive", "score": 0.25}, "topics": ["refunds", "delays"]},
  {"lang": "pt", "topic": "delays", "kind": "complaint", "text": "Terceiro atraso nesta semana no voo da manhã. Perdi a reunião de novo.", "sentiment": {"label": "negative", "score": -0.46}, "topics": ["delays"]},
  {"lang": "pt", "topic": "app", "kind": "complaint", "text": "O aplicativo me desloga toda vez que abro o cartão de embarque.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["app"]},
  {"lang": "pt", "topic": "wifi", "kind": "question", "text": "O wifi funciona durante o voo inteiro ou só sobre terra?", "sentiment": {"label": "neutral", "score": 0}, "topics": ["wifi"]},
  {"lang": "pt", "topic": "staff", "kind": "praise", "text": "A tripulação foi maravilhosa com meus filhos, muito obrigado!", "sentiment": {"label": "positive", "score": 0.79}, "topics": ["staff"]},
  {"lang": "fr", "topic": "lost-luggage", "kind": "complaint", "text": "Atterri il y a deux heures et ma valise n'est toujours pas là. Personne ne sait rien.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["lost-luggage"]},
  {"lang": "fr", "topic": "delays", "kind": "complaint", "text": "Troisième retard cette semaine sur le vol du matin, c'est inadmissible.", "sentiment": {"label": "positive", "score": 0.36}, "topics": ["delays"]},
  {"lang": "fr", "topic": "app", "kind": "question", "text": "Est-ce que je peux faire l'enregistrement depuis la nouvelle application ?", "sentiment": {"label": "positive", "score": 0.38}, "topics": ["app"]},
  {"lang": "fr", "topic": "staff", "kind": "praise", "text": "L'équipage était formidable avec mes enfants, merci beaucoup !", "sentiment": {"label": "positive", "score": 0.85}, "topics": ["staff"]},
  {"lang": "de", "topic": "lost-luggage", "kind": "complaint", "text": "Vor zwei Stunden gelandet und mein Koffer ist immer noch nicht da. Niemand weiß etwas.", "sentiment": {"label": "positive", "score": 0.01}, "topics": ["lost-luggage"]},
  {"lang": "de", "topic": "delays", "kind": "complaint", "text": "Dritte Verspätung diese Woche beim Morgenflug. Wieder das Meeting verpasst.", "sentiment": {"label": "neutral", "score": 0}, "topics": ["delays"]},
  {"lang": "de", "topic": "wifi", "kind": "complaint", "text": "Wieder für das Wifi bezahlt und es hat nie funktioniert.", "sentiment": {"label": "negative", "score": -0.01}, "topics": ["wifi"]},
  {"lang": "de", "topic": "staff", "kind": "praise", "text": "Die Crew war wunderbar mit meinen Kindern, vielen Dank!", "sentiment": {"label": "positive", "score": 0.76}, "topics": ["staff"]},
];
