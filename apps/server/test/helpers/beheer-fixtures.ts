/** What the tests of the VNG team's work (console, beheer CLI, CLI beside serve) share. */

/**
 * An aanmelding as a gemeente fills in the public form: a contact person and a wethouder who become
 * participants when the VNG team accepts it.
 */
export const KOGGENLAND_AANMELDING = {
  gemeente: 'Koggenland',
  'cbs-code': 'GM1598',
  inwoners: 23_000,
  samen: false,
  'contact-naam': 'Fatima El Amrani',
  'contact-functie': 'Beleidsadviseur sociaal domein',
  'contact-email': 'f.elamrani@koggenland.example',
  kernvraag: 'Hoe geven we inwoners met meerdere vragen één aanspreekpunt?',
  themas: ['inwoner-centraal'],
  draagvlak: true,
  'ambtelijk-contactpersoon-wie': 'Fatima El Amrani, beleidsadviseur',
  'ambtelijk-contactpersoon-tijd': true,
  'bestuurder-wie': 'Ria Smit, wethouder sociaal domein',
  'bestuurder-tijd': true,
};

/** `visieleren programma create …` for a cohort with one demo traject in it. */
export const CREATE_COHORT_ARGS = [
  'programma',
  'create',
  'cohort-2027',
  '--naam',
  'Cohort 2027',
  '--omschrijving',
  'De trajecten die in 2027 starten.',
  '--traject',
  'voorbeeld-aan-zee',
];
