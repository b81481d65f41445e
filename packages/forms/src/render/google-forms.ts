import { defineMessages, type Lang } from '@visieleren/core';
import { answerLabel, describeCondition, yesNoLabel } from '../definition/describe.js';
import type { FormDefinition, Question } from '../definition/schema.js';
import { LossCollector, type Rendered } from './lossiness.js';

type Json = Record<string, unknown>;

/** Google Forms scale questions run from 0 or 1 up to 2..10 (Forms API v1, ScaleQuestion). */
const SCALE_LOW = [0, 1];
const SCALE_HIGH_MAX = 10;

const t = defineMessages({
  requiredWhenShown: { nl: 'Dan is deze vraag verplicht.', en: 'This question is then required.' },
});

function description(form: FormDefinition, question: Question, lang: Lang): string | undefined {
  const condition = describeCondition(form, question, lang);
  const parts = [
    question.help?.[lang],
    condition && (question.required ? `${condition} ${t('requiredWhenShown', lang)}` : condition),
  ];
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

function questionBody(question: Question, lang: Lang, losses: LossCollector): Json {
  switch (question.kind) {
    case 'short-text':
    case 'long-text':
      if (question.kind === 'short-text' && question.pattern) {
        losses.add('pattern', question.id, {
          nl: 'De Forms API kan geen antwoordvalidatie instellen: het tekstpatroon wordt niet gecontroleerd; controleer de antwoorden na export.',
          en: 'The Forms API cannot set response validation: the text pattern is not checked; check answers after export.',
        });
      }
      losses.add('max-length', question.id, {
        nl: 'De Forms API kan geen maximale lengte instellen.',
        en: 'The Forms API cannot set a maximum length.',
      });
      return { textQuestion: { paragraph: question.kind === 'long-text' } };
    case 'email':
      losses.add('email-format', question.id, {
        nl: 'Een e-mailadres wordt een gewone tekstvraag: de Forms API kan de notatie niet laten controleren.',
        en: 'An email address becomes a plain text question: the Forms API cannot have its format checked.',
      });
      return { textQuestion: { paragraph: false } };
    case 'number':
      losses.add('number-range', question.id, {
        nl: 'Een getal wordt een gewone tekstvraag: de Forms API kan geen getal, bereik of heel getal afdwingen.',
        en: 'A number becomes a plain text question: the Forms API cannot enforce a number, a range or a whole number.',
      });
      return { textQuestion: { paragraph: false } };
    case 'date':
      return { dateQuestion: { includeTime: false, includeYear: true } };
    case 'yes-no':
      return {
        choiceQuestion: {
          type: 'RADIO',
          options: [{ value: yesNoLabel(true, lang) }, { value: yesNoLabel(false, lang) }],
        },
      };
    case 'single-choice':
    case 'multiple-choice':
      losses.add('option-values', question.id, {
        nl: 'Google Forms bewaart de keuzetekst, niet onze vaste optiewaarde: antwoorden moeten bij het inlezen via de tekst worden teruggezocht.',
        en: 'Google Forms stores the option text, not our stable option value: answers must be mapped back by their text on import.',
      });
      return {
        choiceQuestion: {
          type: question.kind === 'single-choice' ? 'RADIO' : 'CHECKBOX',
          options: question.options.map((option) => ({ value: option.label[lang] })),
        },
      };
    case 'scale': {
      const fits = SCALE_LOW.includes(question.min) && question.max <= SCALE_HIGH_MAX;
      const middleLabels = question.labels.filter(
        (label) => label.value !== question.min && label.value !== question.max,
      );
      if (middleLabels.length > 0) {
        losses.add('scale-labels', question.id, {
          nl: 'Google Forms toont alleen labels bij het laagste en hoogste punt van een schaal; de tussenliggende labels vervallen.',
          en: 'Google Forms only shows labels at the lowest and highest point of a scale; the labels in between are dropped.',
        });
      }
      if (!fits) {
        losses.add('scale-range', question.id, {
          nl: 'Een schaal in Google Forms begint bij 0 of 1; deze schaal wordt een keuzevraag met de schaalpunten als opties.',
          en: 'A Google Forms scale starts at 0 or 1; this scale becomes a choice question with the scale points as options.',
        });
        return {
          choiceQuestion: {
            type: 'RADIO',
            options: Array.from({ length: question.max - question.min + 1 }, (_, index) => ({
              value: answerLabel(question, question.min + index, lang),
            })),
          },
        };
      }
      const labelOf = (value: number) => question.labels.find((label) => label.value === value)?.label[lang];
      const low = labelOf(question.min);
      const high = labelOf(question.max);
      return {
        scaleQuestion: {
          low: question.min,
          high: question.max,
          ...(low ? { lowLabel: low } : {}),
          ...(high ? { highLabel: high } : {}),
        },
      };
    }
  }
}

/**
 * A Google Forms API `forms.batchUpdate` request body that fills an empty form (made with `forms.create`,
 * which sets the title): the description, then one item per question, sections as page breaks.
 */
export function renderGoogleForms(form: FormDefinition, options: { lang?: Lang } = {}): Rendered<Json> {
  const lang = options.lang ?? 'nl';
  const losses = new LossCollector();
  const requests: Json[] = [];
  const formDescription = [form.notice?.[lang], form.intro?.[lang]].filter(Boolean).join('\n\n');
  requests.push({
    updateFormInfo: {
      info: { title: form.title[lang], ...(formDescription ? { description: formDescription } : {}) },
      updateMask: formDescription ? 'title,description' : 'title',
    },
  });
  let index = 0;
  form.sections.forEach((section, sectionIndex) => {
    const sectionItem: Json = {
      title: section.title[lang],
      ...(section.help ? { description: section.help[lang] } : {}),
      // The first section has no page before it to break from: a text item carries its title.
      ...(sectionIndex === 0 ? { textItem: {} } : { pageBreakItem: {} }),
    };
    requests.push({ createItem: { item: sectionItem, location: { index: index++ } } });
    for (const question of section.questions) {
      if (question.visibleWhen) {
        losses.add('conditional-visibility', question.id, {
          nl: 'Google Forms kan alleen per sectie vertakken, niet per vraag: de vraag staat er altijd, als optioneel, met "Alleen invullen als …" in de beschrijving.',
          en: 'Google Forms can only branch per section, not per question: the question is always shown, as optional, with "Only answer this if …" in its description.',
        });
      }
      const text = description(form, question, lang);
      const item: Json = {
        title: question.label[lang],
        ...(text ? { description: text } : {}),
        questionItem: {
          question: {
            required: question.required && !question.visibleWhen,
            ...questionBody(question, lang, losses),
          },
        },
      };
      requests.push({ createItem: { item, location: { index: index++ } } });
    }
  });
  return {
    output: { includeFormInResponse: false, requests },
    report: losses.report('google-forms', form.id),
  };
}
