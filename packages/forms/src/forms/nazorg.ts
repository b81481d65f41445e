import { defineForm, type FormDefinition } from '../definition/schema.js';
import { l } from './text.js';

/**
 * Preparation for the nazorggesprek (seed 002 "Woord van dank": evaluative aftercare) and the lessons the
 * gemeente wants to share with the collective (seed 001 step 7).
 */
export function nazorgForm(): FormDefinition {
  return defineForm({
    id: 'nazorg',
    version: '2026.1',
    title: l('Nazorg na het visieleertraject', 'Aftercare after the vision-learning programme'),
    intro: l(
      'Een paar maanden na het traject kijken we samen hoe het gaat met het handelingsperspectief. Uw antwoorden zijn de voorbereiding op het nazorggesprek.',
      'A few months after the programme we look together at how the course of action is going. Your answers prepare the aftercare conversation.',
    ),
    sections: [
      {
        id: 'voortgang',
        title: l('Voortgang', 'Progress'),
        questions: [
          {
            kind: 'single-choice',
            id: 'voortgang',
            label: l(
              'Hoe ver is uw gemeente met het handelingsperspectief?',
              'How far is your municipality with the course of action?',
            ),
            required: true,
            options: [
              { value: 'niet-begonnen', label: l('Nog niet begonnen', 'Not started yet') },
              { value: 'gestart', label: l('Gestart', 'Started') },
              { value: 'grotendeels', label: l('Grotendeels uitgevoerd', 'Largely carried out') },
              { value: 'afgerond', label: l('Afgerond', 'Completed') },
            ],
          },
          {
            kind: 'long-text',
            id: 'wat-werkt',
            label: l('Wat werkt goed?', 'What works well?'),
            maxLength: 2000,
          },
          {
            kind: 'long-text',
            id: 'belemmeringen',
            label: l('Waar loopt u tegenaan?', 'What obstacles do you meet?'),
            maxLength: 2000,
          },
          {
            kind: 'number',
            id: 'acties-gestart',
            label: l('Hoeveel verbeteracties zijn gestart?', 'How many improvement actions have started?'),
            min: 0,
            max: 100,
            integer: true,
          },
        ],
      },
      {
        id: 'ondersteuning',
        title: l('Ondersteuning', 'Support'),
        questions: [
          {
            kind: 'yes-no',
            id: 'ondersteuning-nodig',
            label: l('Heeft u nog ondersteuning nodig?', 'Do you still need support?'),
            required: true,
          },
          {
            kind: 'multiple-choice',
            id: 'ondersteuning-vorm',
            label: l('Welke ondersteuning zou helpen?', 'Which support would help?'),
            required: true,
            visibleWhen: { question: 'ondersteuning-nodig', equals: true },
            options: [
              {
                value: 'gesprek',
                label: l('Een gesprek met het visieleerteam', 'A conversation with the vision-learning team'),
              },
              {
                value: 'werkbezoek',
                label: l('Een werkbezoek bij een andere gemeente', 'A work visit to another municipality'),
              },
              {
                value: 'hervormingsagenda',
                label: l(
                  "Koppeling met andere programma's (zoals de Hervormingsagenda Jeugd)",
                  'A link to other programmes (such as the Youth Reform Agenda)',
                ),
              },
              { value: 'anders', label: l('Anders', 'Other') },
            ],
          },
          {
            kind: 'long-text',
            id: 'ondersteuning-anders',
            label: l('Welke andere ondersteuning?', 'Which other support?'),
            required: true,
            maxLength: 1000,
            visibleWhen: { question: 'ondersteuning-vorm', equals: 'anders' },
          },
          {
            kind: 'date',
            id: 'gesprek-datum',
            label: l(
              'Voorkeursdatum voor het nazorggesprek',
              'Preferred date for the aftercare conversation',
            ),
          },
          {
            kind: 'email',
            id: 'contact-email',
            label: l('E-mailadres voor de afspraak', 'Email address for the appointment'),
            required: true,
          },
        ],
      },
      {
        id: 'lessen',
        title: l('Geleerde lessen delen', 'Sharing lessons learned'),
        questions: [
          {
            kind: 'long-text',
            id: 'les',
            label: l(
              'Welke les wilt u delen met andere gemeenten?',
              'Which lesson would you share with other municipalities?',
            ),
            maxLength: 2000,
          },
          {
            kind: 'yes-no',
            id: 'delen-toestemming',
            label: l(
              'Mag het visieleerteam deze les (zonder namen) delen?',
              'May the vision-learning team share this lesson (without names)?',
            ),
            visibleWhen: { question: 'les', answered: true },
            required: true,
          },
        ],
      },
    ],
  });
}
