import { pageShell } from './page.js';

/**
 * The privacy statement and terms of use the app manifest names (`developer.privacyUrl`, `termsOfUseUrl`):
 * Teams shows them to a gemeente's administrator before the app is allowed. Dutch, as the people who read them.
 */

const SECTIONS = {
  privacy: {
    title: 'Privacyverklaring Visieleren voor Microsoft Teams',
    body: `<p>De Visieleren-app in Microsoft Teams wordt aangeboden door de VNG (Vereniging van Nederlandse Gemeenten) voor
gemeenten die een visieleertraject volgen. Deze verklaring zegt welke gegevens de app verwerkt, waarvoor en hoe lang.</p>
<h2>Welke gegevens</h2>
<ul>
<li>Van het Teams-gesprek (kanaal, groepschat of persoonlijke chat) waarin de app is toegevoegd: de technische
kenmerken die nodig zijn om er berichten in te plaatsen (gespreks-id, tenant-id van de organisatie, het adres van de
Teams-dienst) en de taal van het gesprek.</li>
<li>Wat u zelf in het traject vastlegt via de kaarten: afgevinkte checklistpunten met de naam van wie afvinkte,
geschreven uren per rol met een toelichting, de antwoorden op het Verkenningsinstrument Toegang (VIT) en een aanmelding.</li>
<li>Wie een wijziging deed: het Entra ID-objectnummer van die persoon, in het logboek van het traject.</li>
<li>Bij het openen van de tab: uw aanmelding bij Teams wordt gecontroleerd en Teams wordt gevraagd of u lid bent van
het gesprek. Die aanmelding wordt niet bewaard.</li>
</ul>
<p>De app leest in een kanaal alleen berichten waarin hij genoemd wordt (@Visieleren), en verder geen berichten,
bestanden of agenda's.</p>
<h2>Waarvoor</h2>
<p>Alleen om het visieleertraject te begeleiden: herinneringen aan wat de volgende fase vraagt, de checklist, de uren
en het VIT-profiel tonen aan de gemeente en aan het visieleerteam van de VNG. De gegevens worden niet verkocht, niet
voor reclame gebruikt en niet met andere partijen gedeeld dan nodig is om de app te laten werken (Microsoft, voor het
bezorgen van berichten in Teams).</p>
<h2>Hoe lang</h2>
<p>Zolang het traject en de nazorg lopen. Daarna, of eerder op verzoek, verwijdert het visieleerteam de gegevens van
een persoon (met de opdracht <code>visieleren forget</code>). Wordt de app uit een team verwijderd,
dan stuurt hij daar niets meer heen.</p>
<h2>Uw rechten</h2>
<p>U kunt inzage, correctie of verwijdering van uw gegevens vragen, en bezwaar maken, bij het visieleerteam van de VNG
via uw contactpersoon voor het traject. Komt u er met ons niet uit, dan kunt u een klacht indienen bij de Autoriteit
Persoonsgegevens.</p>`,
  },
  voorwaarden: {
    title: 'Gebruiksvoorwaarden Visieleren voor Microsoft Teams',
    body: `<p>De Visieleren-app is bedoeld voor gemeenten die met de VNG een visieleertraject volgen, en voor het
visieleerteam van de VNG.</p>
<h2>Gebruik</h2>
<ul>
<li>Een beheerder van de gemeente voegt de app toe aan de Teams-omgeving van de gemeente en geeft, voor de tab,
eenmalig toestemming voor de aanmelding.</li>
<li>Een kanaal of chat wordt aan een traject gekoppeld met een code van het visieleerteam. Wie lid is van dat kanaal
of die chat, ziet het traject en kan er checklistpunten, uren en VIT-antwoorden in vastleggen.</li>
<li>Leg in de app geen gegevens over inwoners of andere vertrouwelijke zaken vast: hij is bedoeld voor de voortgang
van het traject.</li>
</ul>
<h2>Beschikbaarheid</h2>
<p>De VNG spant zich in om de app beschikbaar te houden, maar geeft geen garantie op ononderbroken werking. Herinneringen
worden één keer per gesprek bezorgd; lukt dat niet, dan ziet het visieleerteam dat.</p>
<h2>Wijzigingen en vragen</h2>
<p>De VNG kan deze voorwaarden aanpassen; een nieuwe versie van de app vermeldt dat. Vragen stelt u aan uw
contactpersoon bij het visieleerteam. Zie ook de <a href="/privacy">privacyverklaring</a>.</p>`,
  },
} as const;

export type LegalPage = keyof typeof SECTIONS;

export function legalPage(page: LegalPage): string {
  const { title, body } = SECTIONS[page];
  return pageShell({ title, theme: 'default', lang: 'nl', body: `<h1>${title}</h1>\n${body}` });
}
