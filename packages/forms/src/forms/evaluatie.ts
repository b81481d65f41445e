import { ROLE_LABELS } from '@visieleren/core';
import { defineForm, type FormDefinition, type QuestionInput } from '../definition/schema.js';
import { l } from './text.js';

const AGREE_LABELS = [
  { value: 1, label: l('Helemaal oneens', 'Strongly disagree') },
  { value: 3, label: l('Neutraal', 'Neutral') },
  { value: 5, label: l('Helemaal eens', 'Strongly agree') },
];

function agree(id: string, nl: string, en: string): QuestionInput {
  return { kind: 'scale', id, label: l(nl, en), min: 1, max: 5, labels: AGREE_LABELS, required: true };
}

const PARTICIPANT_ROLES = [
  'ambtelijk-contactpersoon',
  'ambtelijke-ondersteuning',
  'bestuurder',
  'professional',
  'inwoner',
] as const;

/**
 * The evaluation with participants at the end of the traject (seed 000 step 5, seed 002 §1.1 "Borgen"):
 * the process, the insights and the follow-up.
 */
export function evaluatieForm(): FormDefinition {
  return defineForm({
    id: 'evaluatie',
    version: '2026.1',
    title: l('Evaluatie visieleertraject', 'Evaluation of the vision-learning programme'),
    intro: l(
      'Terugkijken helpt uw gemeente en het visieleerteam. Het invullen duurt ongeveer vijf minuten.',
      'Looking back helps your municipality and the vision-learning team. This takes about five minutes.',
    ),
    sections: [
      {
        id: 'over-u',
        title: l('Over u', 'About you'),
        questions: [
          {
            kind: 'single-choice',
            id: 'rol',
            label: l('In welke rol deed u mee?', 'In which role did you take part?'),
            required: true,
            options: PARTICIPANT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
          },
        ],
      },
      {
        id: 'proces',
        title: l('Het proces', 'The process'),
        questions: [
          agree(
            'proces-doel',
            'Het doel van het traject was mij duidelijk.',
            'The aim of the programme was clear to me.',
          ),
          agree(
            'proces-perspectieven',
            'De belangrijke perspectieven (ook inwoners) kwamen aan bod.',
            'The important perspectives (residents too) were heard.',
          ),
          agree(
            'proces-tijd',
            'De tijd die het traject vroeg, stond in verhouding tot de opbrengst.',
            'The time the programme took was in proportion to what it yielded.',
          ),
          {
            kind: 'single-choice',
            id: 'proces-duur',
            label: l('Hoe lang duurde het traject voor uw gevoel?', 'How long did the programme feel?'),
            options: [
              { value: 'te-kort', label: l('Te kort', 'Too short') },
              { value: 'goed', label: l('Goed', 'About right') },
              { value: 'te-lang', label: l('Te lang', 'Too long') },
            ],
          },
          {
            kind: 'long-text',
            id: 'proces-beter',
            label: l('Wat kan er beter aan het proces?', 'What could be better about the process?'),
            maxLength: 2000,
          },
        ],
      },
      {
        id: 'inzichten',
        title: l('Inzichten', 'Insights'),
        questions: [
          agree(
            'inzicht-nieuw',
            'Het traject gaf mij nieuwe inzichten over de toegang.',
            'The programme gave me new insights into access.',
          ),
          {
            kind: 'long-text',
            id: 'inzicht-belangrijkste',
            label: l(
              'Wat is voor u het belangrijkste inzicht?',
              'What is the most important insight for you?',
            ),
            required: true,
            maxLength: 2000,
          },
        ],
      },
      {
        id: 'vervolg',
        title: l('Vervolg', 'Follow-up'),
        questions: [
          agree(
            'vervolg-handelingsperspectief',
            'Het handelingsperspectief is concreet genoeg om mee aan de slag te gaan.',
            'The course of action is concrete enough to act on.',
          ),
          {
            kind: 'long-text',
            id: 'vervolg-eerste-stap',
            label: l('Wat pakt uw gemeente als eerste op?', 'What will your municipality take up first?'),
            maxLength: 2000,
          },
          {
            kind: 'yes-no',
            id: 'vervolg-nazorg',
            label: l(
              'Wilt u een nazorggesprek met het visieleerteam?',
              'Would you like an aftercare conversation with the vision-learning team?',
            ),
            required: true,
          },
          {
            kind: 'date',
            id: 'vervolg-nazorg-datum',
            label: l(
              'Vanaf welke datum komt een nazorggesprek u uit?',
              'From which date would an aftercare conversation suit you?',
            ),
            visibleWhen: { question: 'vervolg-nazorg', equals: true },
          },
          {
            kind: 'scale',
            id: 'aanbeveling',
            label: l(
              'Hoe waarschijnlijk is het dat u een visieleertraject aanbeveelt aan een andere gemeente?',
              'How likely are you to recommend a vision-learning programme to another municipality?',
            ),
            min: 0,
            max: 10,
            labels: [
              { value: 0, label: l('Zeer onwaarschijnlijk', 'Very unlikely') },
              { value: 10, label: l('Zeer waarschijnlijk', 'Very likely') },
            ],
          },
        ],
      },
    ],
  });
}
