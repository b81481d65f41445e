import { TABLE_1_AS_OF, TABLE_1_TRAJECTS } from '../demo/table-1.js';
import { type Programme, programmeSchema } from './programme.js';

/**
 * The visieleertrajecten of 2022-2024 as a programme (seed 002): the nine trajects of Tabel 1, the three
 * themes as its lines (the chapter questions of seed 002 as their doel), and two things the report counts:
 * trajects finished, and nazorggesprekken held ("Woord van dank"). The report sets no target for either
 * (Tabel 1 itself has one traject stopped and one cancelled), so neither has one. Measured on the report's
 * day, as the programme is known only as of then.
 */
export const VISIELEERTRAJECTEN_2022_2024: Programme = programmeSchema.parse({
  key: 'visieleertrajecten-2022-2024',
  name: 'Visieleertrajecten 2022-2024',
  description:
    'Het ondersteuningsaanbod van de VNG over de toegang tot het sociaal domein: negen visieleertrajecten, gestart in anderhalf jaar tot april 2024.',
  period: { start: '2022-09-01', end: '2024-04-30' },
  asOf: TABLE_1_AS_OF,
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
      measuredBy: 'trajecten-afgerond',
      source: 'Rapportage Visieleren, VNG, april 2024, Tabel 1',
    },
    {
      id: 'nazorggesprekken',
      name: 'Evaluerende nazorggesprekken gehouden',
      unit: 'gemeenten',
      source: 'Rapportage Visieleren, VNG, april 2024, "Woord van dank"',
    },
  ],
  trajectIds: TABLE_1_TRAJECTS.map((spec) => spec.id),
  sources: ['Rapportage Visieleren, VNG, april 2024, §1.3 Tabel 1 en hoofdstuk 2-4'],
  interpretations: [
    'De drie thema’s als programmalijnen zijn onze lezing van de Rapportage Visieleren; de rapportage noemt geen programmalijnen en geen streefwaarden, dus er staan er geen.',
  ],
});

/**
 * Seed 003, Programmaplan Impuls Vakmanschap (SZW, VNG, Divosa), as the plan gives it: its period (an agenda
 * "die tot eind 2013 loopt"), the six goals of the agenda, the samenwerkingsstructuur, four programmalijnen with
 * doel, results "over 1 jaar" and "over 3 jaar" and every actielijn, and the fifteen meetlatten of "Voortgang
 * meten" under their heading. The plan gives one number (2 gemeentetrainees), so only that has a target.
 */
export const IMPULS_VAKMANSCHAP: Programme = programmeSchema.parse({
  key: 'impuls-vakmanschap',
  name: 'Impuls Vakmanschap',
  description:
    'Programmaplan van SZW, VNG en Divosa voor de sector Participatie, Werk en Inkomen: de medewerker werkt methodisch, met wetenschappelijk onderbouwde methodes en instrumenten, en de effecten van het werk zijn transparant.',
  period: {
    start: '2011-11-01',
    end: '2013-12-31',
    startNote:
      'Het programmaplan noemt geen begindatum, alleen dat de agenda tot eind 2013 loopt. Wij rekenen vanaf november 2011, het eerste gedateerde onderdeel (het mini-symposium op het najaarscongres); "over 1 jaar" en "over 3 jaar" vallen daarmee in november 2012 en november 2014 (onze lezing).',
  },
  goals: [
    {
      name: 'Effectiviteit vergroten',
      text: 'Grotere effectiviteit en beter aantoonbare resultaten van het werk. Het beschikbare budget wordt ingezet voor de mensen die het nodig hebben door kwalitatief hoogwaardige intake, diagnose en handhaving.',
    },
    {
      name: 'Transparantie vergroten',
      text: 'De effecten van interventies zijn geregistreerd en kunnen publiek worden verantwoord.',
    },
    {
      name: 'Professionele standaard ontwikkelen',
      text: 'Met het programma ontwikkelen we een inhoudelijke standaard van de professionaliteit binnen de sector, waaraan je je als vakman kunt spiegelen.',
    },
    {
      name: 'Methodisch werken',
      text: 'Doel van het programma is dat de medewerker methodisch werkt (doen wat bekend is dat het beste werkt).',
    },
    {
      name: 'Lerend vermogen',
      text: 'Het programma is erop gericht dat alle beschikbare expertise, kennis, evidence based instrumenten en werkwijzers daadwerkelijk in de praktijk gebruikt wordt.',
    },
    {
      name: 'Visie en sturing vanuit organisatie',
      text: 'Klantmanagers werken methodisch binnen de vastgestelde visie en strategie van de sociale dienst.',
    },
  ],
  governance: [
    {
      name: 'Impulsgroep Vakmanschap',
      role: 'Zet de grote strategische lijnen uit, besteedt de budgetten en neemt richtinggevende besluiten; de initiatiefnemers van het programma met een vertegenwoordiging van SZW.',
    },
    {
      name: 'Raad van Advies',
      role: 'Adviseert de Impulsgroep: gezaghebbende vertegenwoordigers uit het sociale beleidsveld, experts op inhoud en wet- en regelgeving; signaleert trends en heeft een ambassadeursrol.',
    },
    {
      name: 'Programmateam',
      role: 'Dagelijkse afstemming, procesmatige zaken en samenhang; vertegenwoordigers van SZW, Divosa en VNG en de trekkers van de programmalijnen, onder een verantwoordelijk coördinator/voorzitter.',
    },
    {
      name: 'Programmalijnen',
      role: 'Per programmalijn een verantwoordelijk trekker/projectleider.',
    },
  ],
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
        'Uitdagend leiderschapstraject',
        'Beroepsontwikkeling en beroepsprofielen',
        'Stimuleren en ondersteunen gebruik van de Participatieladder',
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
      id: 'meetinstrumenten-benchmarking',
      name: 'Meetinstrumenten en benchmarking.',
      aspect: 'Effectiviteit verhogen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'persoonlijke-werkafspraken',
      name: 'Zijn er meer persoonlijke werkafspraken op klantmanager-niveau (Divosa monitor)?',
      aspect: 'Transparantie vergroten',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'klantonderzoek',
      name: 'Klantonderzoek.',
      aspect: 'Transparantie vergroten',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'communicatie',
      name: 'Communicatie intern en extern.',
      aspect: 'Transparantie vergroten',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'beroepsregister',
      name: 'Bestaat er een beroepsregister/accreditatie op persoonsniveau. Beroepscode.',
      aspect: 'Professionele standaard ontwikkelen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'vakbijeenkomsten',
      name: 'Worden er meer vakbijeenvakkomsten georganiseerd?',
      aspect: 'Professionele standaard ontwikkelen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'klantmanagers-nascholing',
      name: 'Hoeveel klantmanagers volgen cursussen/nascholing (Divosa monitor)?',
      aspect: 'Professionele standaard ontwikkelen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'werkwijzers',
      name: 'Aantal gerealiseerde werkwijzers.',
      aspect: 'Professionele standaard ontwikkelen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'methodisch-werken',
      name: 'Hoe breed verspreid is het gebruik van onderbouwd intake- en diagnosemethode en –instrument? Bij hoeveel sociale diensten wordt gewerkt met dergelijke methoden?',
      aspect: 'Methodisch werken',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'participatieladder',
      name: 'Gebruik van de Participatieladder.',
      aspect: 'Methodisch werken',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'intervisie',
      name: 'Bij hoeveel sociale diensten is intervisie, mentoring en / of coaching standaard praktijk? Hoeveel klantmanagers doen aan intervisie (Divosa monitor)?',
      aspect: 'Lerend vermogen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'leercirkels',
      name: 'Continuïteit van leercirkels.',
      aspect: 'Lerend vermogen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'digitaal-netwerk',
      name: 'Digitaal netwerk is een levend onderdeel van het uitvoerdersnetwerk',
      aspect: 'Lerend vermogen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'opleidingsaanbod',
      name: 'Hoe ziet het opleidings- en trainingsaanbod er uit?',
      aspect: 'Lerend vermogen',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'visie-professionele-standaard',
      name: 'Is er een visie op een professionele standaard.',
      aspect: 'Visie en sturing vanuit organisatie',
      source: 'Programmaplan Impuls Vakmanschap, "Voortgang meten"',
    },
    {
      id: 'gemeentetrainees',
      name: 'Gemeentetrainees werkzaam in het sociaal domein',
      lineKey: 'bestuurders',
      unit: 'trainees',
      target: 2,
      source: 'Programmaplan Impuls Vakmanschap, programmalijn Bestuurders, resultaat over 1 jaar',
    },
  ],
  sources: ['Programmaplan Impuls Vakmanschap (SZW, VNG, Divosa)'],
  interpretations: [
    'Actielijnen staan hier met hun kopje. De meetlatten staan onder het kopje van "Voortgang meten" waaronder het plan ze noemt, zonder streefwaarde: alleen de 2 gemeentetrainees noemt het plan als getal.',
    'De begindatum (november 2011) is onze lezing; het plan noemt alleen het einde (eind 2013).',
  ],
});

export const DEMO_PROGRAMMES: readonly Programme[] = [VISIELEERTRAJECTEN_2022_2024, IMPULS_VAKMANSCHAP];
