/**
 * The tab's stylesheet and scripts, served as files (the pages have no inline script or style: CSP). Colours
 * follow Teams' three themes; every text colour meets WCAG AA contrast on its background.
 */
export const TAB_CSS = `
:root, [data-theme="default"] {
  --bg: #ffffff; --fg: #242424; --muted: #595959; --accent: #464775; --border: #8a8a8a;
  --planned: #c5c6ea; --actual: #464775; --late: #a4262c; --done: #237b4b; --grid: #b3b3b3; --focus: #0f6cbd;
}
[data-theme="dark"] {
  --bg: #1f1f1f; --fg: #ffffff; --muted: #d6d6d6; --accent: #aaabe6; --border: #a0a0a0;
  --planned: #4a4b7a; --actual: #9ea2ff; --late: #ff9aa2; --done: #7fd1a0; --grid: #6e6e6e; --focus: #9ea2ff;
}
[data-theme="contrast"] {
  --bg: #000000; --fg: #ffffff; --muted: #ffffff; --accent: #ffff00; --border: #ffffff;
  --planned: #000000; --actual: #1aebff; --late: #ffff00; --done: #3ff23f; --grid: #ffffff; --focus: #ffff00;
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); font-family: "Segoe UI", system-ui, sans-serif; font-size: 100%; line-height: 1.5; }
body { margin: 0; padding: 1rem 1.5rem 3rem; }
main { max-width: 60rem; margin: 0 auto; }
h1 { font-size: 1.75rem; margin: 0.25rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--border); padding-bottom: 0.25rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.25rem; }
a { color: var(--accent); }
a:focus, button:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.eyebrow, .muted { color: var(--muted); margin: 0; }
.kernvraag { font-style: italic; }
.notice { border-left: 4px solid var(--accent); padding-left: 0.75rem; }
.facts { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 1rem 0; }
.facts dt { color: var(--muted); font-size: 0.875rem; }
.facts dd { margin: 0; font-weight: 600; }
figure { margin: 0; }
figcaption { color: var(--muted); margin: 0.5rem 0; }
.chart { width: 100%; height: auto; display: block; }
.chart-radar { max-width: 28rem; }
/* A narrow screen scrolls the timeline sideways instead of shrinking its labels below legibility. */
.chart-scroll, .table-scroll { overflow-x: auto; }
.chart-scroll:focus-visible, .table-scroll:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
@media (max-width: 40rem) { .chart-scroll #tijdlijn { min-width: 960px; } }
.chart-label { fill: var(--fg); font-size: 13px; }
.chart-note { fill: var(--fg); font-size: 12px; }
.bar-planned { fill: var(--planned); stroke: var(--actual); stroke-width: 1; }
.bar-gepland, .bar-bezig { fill: var(--actual); }
.bar-afgerond { fill: var(--done); }
.bar-uitgelopen { fill: var(--late); }
.session-mark { fill: var(--bg); stroke: var(--fg); stroke-width: 2; }
.line-today { stroke: var(--fg); stroke-width: 2; }
.line-end { stroke: var(--late); stroke-width: 2; stroke-dasharray: 6 4; }
.bar-norm { fill: var(--planned); stroke: var(--border); }
.bar-hours { fill: var(--actual); }
.bar-onder { fill: var(--late); }
.bar-boven { fill: var(--accent); }
.radar-ring { fill: none; stroke: var(--grid); }
.radar-axis { stroke: var(--grid); }
.radar-shape { fill: var(--actual); fill-opacity: 0.35; stroke: var(--actual); stroke-width: 2; }
.data-table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
.data-table caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
.data-table th, .data-table td { border: 1px solid var(--border); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.checklist { list-style: none; padding: 0; }
.checklist li { padding: 0.25rem 0; }
.checklist .state { display: inline-block; min-width: 4.5rem; font-weight: 600; }
.checklist .done .state { color: var(--done); }
.checklist .overdue .state { color: var(--late); }
`;

/**
 * Loads teams-js only inside a frame (Teams): outside Teams the page makes no request anywhere (teams-js would
 * fetch Microsoft's list of valid domains from a CDN as soon as it loads).
 */
const LOAD_TEAMS_JS = `function withTeams(run, otherwise) {
    if (window.parent === window) { otherwise(); return; }
    var script = document.createElement('script');
    script.src = '/teams/static/teams-js.js';
    script.onload = function () { if (window.microsoftTeams) run(window.microsoftTeams); else otherwise(); };
    script.onerror = otherwise;
    document.head.appendChild(script);
  }`;

/** Inside Teams: follow its theme (and theme changes). Outside Teams this does nothing. */
export const TAB_JS = `(function () {
  ${LOAD_TEAMS_JS}
  withTeams(follow, function () {});
  function follow(teams) {
  function apply(theme) {
    var name = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
    document.documentElement.setAttribute('data-theme', name);
  }
  teams.app.initialize().then(function () {
    return teams.app.getContext();
  }).then(function (context) {
    apply(context.app.theme);
    teams.app.registerOnThemeChangeHandler(apply);
    teams.app.notifySuccess();
  }).catch(function () {});
  }
})();
`;

/**
 * Inside Teams: the Teams context, then the user's Entra ID token from Teams (single sign-on), then the traject
 * linked to this channel or chat, which the server gives only to a member of it.
 */
const LOOKUP_TRAJECT = `function themeName(theme) {
    return theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
  }
  function lookUpTraject(teams) {
    var found = { theme: 'default' };
    return teams.app.initialize().then(function () {
      return teams.app.getContext();
    }).then(function (context) {
      found.theme = themeName(context.app.theme);
      document.documentElement.setAttribute('data-theme', found.theme);
      found.conversation = (context.channel && context.channel.id) || (context.chat && context.chat.id) || '';
      return teams.authentication.getAuthToken().then(null, function () {
        throw new Error('Aanmelden bij Teams lukte niet. Vraag de beheerder om de Visieleren-app toestemming te geven, en open de tab opnieuw.');
      });
    }).then(function (token) {
      return fetch('/teams/tab/link?conversation=' + encodeURIComponent(found.conversation), {
        headers: { authorization: 'Bearer ' + token },
        credentials: 'omit'
      });
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.message || 'Het gekoppelde traject kon niet worden opgezocht.');
        found.traject = body;
        return found;
      });
    });
  }`;

/** The configuration page: finds the traject linked to this channel and saves the tab (a stable address). */
export const TAB_CONFIG_JS = `(function () {
  ${LOAD_TEAMS_JS}
  ${LOOKUP_TRAJECT}
  var status = document.getElementById('config-status');
  function say(text) { if (status) status.textContent = text; }
  withTeams(configure, function () {
    say('Deze pagina werkt alleen binnen Microsoft Teams, bij het toevoegen van de Visieleren-tab.');
  });
  function configure(teams) {
    lookUpTraject(teams).then(function (found) {
      say('Dit kanaal is gekoppeld aan ' + found.traject.name + '. Kies Opslaan om de tab toe te voegen.');
      teams.pages.config.registerOnSaveHandler(function (event) {
        teams.pages.config.setConfig({
          entityId: found.traject.trajectId,
          contentUrl: window.location.origin + '/teams/tab',
          suggestedDisplayName: 'Visieleren'
        }).then(function () { event.notifySuccess(); }, function () { event.notifyFailure('Opslaan mislukt'); });
      });
      teams.pages.config.setValidityState(true);
    }).catch(function (error) { say(error.message); });
  }
})();
`;

/** The saved tab: signs in with Teams each time and moves on to a short-lived link to the traject page. */
export const TAB_OPEN_JS = `(function () {
  ${LOAD_TEAMS_JS}
  ${LOOKUP_TRAJECT}
  var status = document.getElementById('tab-status');
  function say(text) { if (status) status.textContent = text; }
  withTeams(open, function () {
    say('Deze tab werkt binnen Microsoft Teams. Buiten Teams opent u het traject met een link van het visieleerteam.');
  });
  function open(teams) {
    lookUpTraject(teams).then(function (found) {
      teams.app.notifySuccess();
      window.location.replace(found.traject.url + '?theme=' + found.theme);
    }).catch(function (error) {
      say(error.message);
      teams.app.notifySuccess();
    });
  }
})();
`;
