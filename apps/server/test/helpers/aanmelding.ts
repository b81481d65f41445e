/**
 * An aanmelding as a gemeente fills in the public form: a contact person and a wethouder who become
 * participants when the VNG team accepts it (console-browser and beheer-cli tests).
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
