import { TABLE_1_TRAJECTS } from '../demo/table-1.js';
import { type Programme, programmeSchema } from './programme.js';

/**
 * The visieleertrajecten of 2022-2024 as a programme (seed 002): the nine trajects of Tabel 1, the three
 * themes as its lines (the chapter questions of seed 002 as their doel), and two indicators the report
 * itself gives: all nine finished, and a nazorggesprek with every gemeente ("Woord van dank").
 */
export const VISIELEERTRAJECTEN_2022_2024: Programme = programmeSchema.parse({
  key: 'visieleertrajecten-2022-2024',
  name: 'Visieleertrajecten 2022-2024',
  description:
    'Het ondersteuningsaanbod van de VNG over de toegang tot het sociaal domein: negen visieleertrajecten, gestart in anderhalf jaar tot april 2024.',
  period: { start: '2022-09-01', end: '2024-04-30' },
  lines: [
    {
      key: 'inwoner-centraal',
      name: 'Inwoner centraal',
      doel: 'Hoe kunnen gemeenten de intentie waarmaken om de mens meer centraal te zetten in tijden van grote inhoudelijke ambities en een neiging tot controle en beheersing?',
    },
    {
      key: 'rust-en-regie',
      name: 'Rust en regie',
      doel: 'Hoe kunnen gemeenten de rust en de regie terugvinden om rond de toegang tot het sociaal domein de basis op orde te brengen?',
    },
    {
      key: 'balans-lokaal-regionaal',
      name: 'Balans lokaal en regionaal',
      doel: 'Hoe kunnen gemeenten een passende balans vinden tussen lokaal vormgeven en regionaal samenwerken?',
    },
  ],
  indicators: [
    {
      id: 'trajecten-afgerond',
      name: 'Trajecten afgerond',
      unit: 'trajecten',
      target: TABLE_1_TRAJECTS.length,
      measuredBy: 'trajecten-afgerond',
      source: 'seed 002 Tabel 1',
    },
    {
      id: 'nazorggesprekken',
      name: 'Evaluerende nazorggesprekken gehouden',
      unit: 'gemeenten',
      target: TABLE_1_TRAJECTS.length,
      source: 'seed 002 "Woord van dank"',
    },
  ],
  trajectIds: TABLE_1_TRAJECTS.map((spec) => spec.id),
  sources: ['seed 002: Rapportage Visieleren (april 2024), §1.3 Tabel 1 en hoofdstuk 2-4'],
  interpretations: [
    'De drie thema’s als programmalijnen en de doelen van het programma als aantal trajecten zijn onze lezing van seed 002; de rapportage noemt geen programmalijnen of streefwaarden.',
  ],
});

/** Seed 003, Programmaplan Impuls Vakmanschap (SZW, VNG, Divosa): four programmalijnen and "Voortgang meten". */
export const IMPULS_VAKMANSCHAP: Programme = programmeSchema.parse({
  key: 'impuls-vakmanschap',
  name: 'Impuls Vakmanschap',
  description:
    'Programmaplan van SZW, VNG en Divosa voor de sector Participatie, Werk en Inkomen: de medewerker werkt methodisch, met wetenschappelijk onderbouwde methodes en instrumenten, en de effecten van het werk zijn transparant.',
  lines: [
    {
      key: 'uitvoerders',
      name: 'Uitvoerders',
      doel: 'Medewerkers betrekken bij de kwaliteit van de uitvoering en het bruikbaar maken van kennis en methodieken in werkwijzers.',
      resultaten: {
        eenJaar: [
          'Er is een levend kennis- en ervaringsnetwerk met bijeenkomsten, ondersteund en gevoed door een digitaal netwerk.',
          'Er zijn werkwijzers ontwikkeld op in de actualiteit knellende onderdelen op basis van onderbouwde kennis en ervaring.',
          'Beroepsgenoten communiceren met en leren van elkaar over hun aanpak.',
        ],
        drieJaar: [
          'Uitvoerend medewerkers in de re-integratiesector kunnen zich aansluiten bij een onafhankelijke beroepsvereniging, waar zij actief kennis uitwisselen, toepasbaar maken, en op termijn de kwaliteit van het vak bewaken.',
        ],
      },
      actielijnen: [
        'Werkwijzers ontwikkelen en gebruik stimuleren',
        'Kwaliteitsverbetering van uitvoering van regelingen gericht op ondernemerschap',
        'Programma Handhaving verbreden',
        'Vakdagen, regiodagen en jaarlijkse klantmanagersdag',
        'Ondersteuning bij oprichting beroepsvereniging',
      ],
    },
    {
      key: 'kennis-en-expertise',
      name: 'Kennis en Expertise',
      doel: 'Bevorderen van een onderbouwde en transparante manier van werken. Bevorderen van innovatie. Blijvend zichtbaar maken van de invloed van gezaghebbende wetenschappers en experts. Wetenschappelijke basis voor methodisch werken in de sector.',
      resultaten: {
        eenJaar: [
          'Er is een geaccepteerd model voor methodisch werken.',
          'Er is een onderbouwde aanpak voor intake en diagnose die in de praktijk bruikbaar is.',
          'Er zijn effectieve en onderbouwde methodieken voor de sector beschikbaar.',
        ],
        drieJaar: [
          'Er is een kenniscentrum dat een erkend waardeoordeel geeft over beschikbare kennis en expertise met betrekking tot de beïnvloeding van de arbeidsmarkt.',
          'Er is voldoende kennis over onze visie en praktijk bij opleidingsinstellingen.',
          'Er is voldoende basis voor Hbo-instellingen om opleidingen tot re-integratiemedewerker vorm te geven.',
          'Bij sociale diensten bestaat een opleiding- en trainingsaanbod dat er in voorziet re-integratiemedewerkers met de juiste basisvaardigheden en kennis toe te rusten.',
        ],
      },
      actielijnen: [
        'Intake, screening, diagnose en aanpak',
        'Verkennende gesprekken, uitvoeren enquête',
        'Startconferentie Professionaliseren',
        "Doorontwikkeling 'Interventies naar werk'",
      ],
    },
    {
      key: 'organisatie-en-ontwikkeling',
      name: 'Organisatie & Ontwikkeling',
      doel: 'Ontwikkelen van een generieke visie op het vak, de organisatie en de aansturing.',
      resultaten: {
        eenJaar: [
          'Managers sturen op transparantie, effectiviteit en methodisch werken en hanteren de gepaste stijlen van leidinggeven.',
          'Managers hebben een herkenbare en duidelijke visie op het vak en de benadering van de arbeidsmarkt en werkgevers.',
        ],
        drieJaar: [
          'Er zijn modellen beschikbaar met betrekking tot beroepsontwikkeling en beroepsprofielen.',
          'Er zijn heldere opleidingscriteria behorend bij de verschillende beroepsprofielen.',
          'Er is voldoende kennis over onze visie en praktijk bij opleidingsinstituten.',
          'Er is een O&O-centrum belegd bij Divosa, dat modellen en instrumenten op het gebied van beroepsontwikkeling en beroepsprofielen aanbiedt aan gemeenten.',
          'Er zijn actieve leercirkels, waar ervaring wordt gedeeld, moeilijkheden geïdentificeerd en waar naar passende oplossingen wordt gezocht.',
        ],
      },
      actielijnen: [
        'Gesprekken Divosa met directeuren',
        'Mini-symposium najaarscongres',
        'Lerend vermogen in de organisatie',
        'Leiderschapstraject',
      ],
    },
    {
      key: 'bestuurders',
      name: 'Bestuurders gemeenten (college en raad)',
      doel: 'Bestuurders in hun kracht zetten zodat zij de verschillende beleidsterreinen kunnen aansturen.',
      resultaten: {
        eenJaar: [
          'Nulmeting naar behoefte bestuurders informatie/actualiteit.',
          'Een levend digitaal netwerk (Society).',
          '2 gemeentetrainees werkzaam in het sociaal domein.',
          'Bijeenkomsten voor bestuurders (wethouders, burgemeesters en raadsleden).',
        ],
        drieJaar: ['Een jaarlijks lopende visitatie/benchmark.'],
      },
      actielijnen: [
        'Gebruik van digitale netwerk (Society)',
        'Gemeentetrainees',
        'Intervisie (leercirkels), bijeenkomsten voor bestuurders en raadsleden',
        'Visitatie, benchmark',
      ],
    },
  ],
  indicators: [
    {
      id: 'werkwijzers',
      name: 'Aantal gerealiseerde werkwijzers',
      lineKey: 'uitvoerders',
      aspect: 'Professionele standaard ontwikkelen',
      unit: 'werkwijzers',
      source: 'seed 003 "Voortgang meten"',
    },
    {
      id: 'klantmanagers-nascholing',
      name: 'Klantmanagers die cursussen of nascholing volgen (Divosa monitor)',
      lineKey: 'uitvoerders',
      aspect: 'Professionele standaard ontwikkelen',
      unit: 'klantmanagers',
      source: 'seed 003 "Voortgang meten"',
    },
    {
      id: 'methodisch-werken',
      name: 'Sociale diensten die werken met een onderbouwde intake- en diagnosemethode',
      lineKey: 'kennis-en-expertise',
      aspect: 'Methodisch werken',
      unit: 'sociale diensten',
      source: 'seed 003 "Voortgang meten"',
    },
    {
      id: 'intervisie',
      name: 'Sociale diensten waar intervisie, mentoring en/of coaching standaard praktijk is',
      lineKey: 'organisatie-en-ontwikkeling',
      aspect: 'Lerend vermogen',
      unit: 'sociale diensten',
      source: 'seed 003 "Voortgang meten"',
    },
    {
      id: 'gemeentetrainees',
      name: 'Gemeentetrainees werkzaam in het sociaal domein',
      lineKey: 'bestuurders',
      unit: 'trainees',
      target: 2,
      source: 'seed 003 Programmalijn Bestuurders, resultaat over 1 jaar',
    },
  ],
  sources: ['seed 003: Programmaplan Impuls Vakmanschap (SZW, VNG, Divosa)'],
  interpretations: [
    'Actielijnen staan hier met hun kopje; de indicatoren zijn de meetlatten uit "Voortgang meten", aan een programmalijn gekoppeld naar onze lezing. Alleen de 2 gemeentetrainees noemt de bron als getal.',
  ],
});

export const DEMO_PROGRAMMES: readonly Programme[] = [VISIELEERTRAJECTEN_2022_2024, IMPULS_VAKMANSCHAP];
