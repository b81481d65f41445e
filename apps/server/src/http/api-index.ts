/** `GET /api`: what the API offers, so a newcomer can find their way without reading the code. */
export function apiIndex() {
  return {
    name: 'Visieleren API',
    description:
      'JSON-API voor de visieleertrajecten. Stuur een API-token mee als "Authorization: Bearer <token>" ' +
      '(maken met: visieleren token create --role vng). Het VNG-team ziet alle trajecten, een gemeente alleen het eigen traject.',
    conventions: {
      errors: '{ "error": { "code", "message", "fields": [{ "path", "message" }], "requestId" } }',
      concurrency:
        'Wijzigingen nemen "revision" mee in de inhoud of als If-Match-header; een verouderde revisie geeft 409.',
      dates: 'JJJJ-MM-DD, bedoeld in Europe/Amsterdam.',
      bodyLimit: 'maximaal 100 kB JSON per verzoek (anders 413).',
    },
    endpoints: [
      { method: 'GET', path: '/api/trajects', description: 'Alle trajecten die dit token mag zien.' },
      {
        method: 'POST',
        path: '/api/trajects',
        description: 'Nieuw traject uit een template (alleen VNG-team).',
        body: '{ templateKey, startDate, gemeenten: [{ name, cbsCode?, inwoners? }], kernvraag, themes?, region?, participants?, id?, status? }',
      },
      {
        method: 'GET',
        path: '/api/trajects/:id',
        description: 'Eén traject met de verwachte planning, het urenoverzicht en het VIT-profiel.',
      },
      {
        method: 'PATCH',
        path: '/api/trajects/:id/phases/:phaseKey',
        description: 'Geplande of werkelijke datums van een fase.',
        body: '{ plannedStart?, plannedEnd?, actualStart?, actualEnd?, revision? }',
      },
      {
        method: 'PATCH',
        path: '/api/trajects/:id/status',
        description: 'Status van het traject.',
        body: '{ status, revision? }',
      },
      {
        method: 'PUT',
        path: '/api/trajects/:id/checklist/:itemId',
        description: 'Een actiepunt afvinken of weer openzetten.',
        body: '{ done, by?, revision? }',
      },
      {
        method: 'POST',
        path: '/api/trajects/:id/hours',
        description: 'Gewerkte uren vastleggen.',
        body: '{ role, date, hours, participantId?, note?, revision? }',
      },
      {
        method: 'POST',
        path: '/api/trajects/:id/vit',
        description: 'VIT-antwoorden insturen; het antwoord bevat het profiel.',
        body: '{ answers: { vraagId: waarde }, submittedBy?, revision? }',
      },
      {
        method: 'GET',
        path: '/api/trajects/:id/audit',
        description: 'Het audit-log van het traject (nieuwste eerst).',
      },
      { method: 'GET', path: '/healthz', description: 'Het proces draait (geen token nodig).' },
      {
        method: 'GET',
        path: '/readyz',
        description: 'De database is bereikbaar en bijgewerkt (geen token nodig).',
      },
      {
        method: 'GET',
        path: '/',
        description: 'Overzichtspagina van alle trajecten, zonder persoonsgegevens.',
      },
    ],
  };
}
