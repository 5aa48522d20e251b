import { useState } from 'react';
import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useTexts } from '../../context.js';
import { ActionDialog } from './ActionDialog.js';
import { filled, type ActionProps } from './action-props.js';
import { SolutionsField } from './SolutionsField.js';

// The step's outcome: the card's outcome form (outcomeInput). The choices are the step's
// outcomes and, when the covenant names them, the solutions agreed (in the covenant's words).

const FIELDS = ['outcomeId', 'solutions'] as const;

export function OutcomeDialog({
  send,
  reload,
  subtitle,
  outcomes,
  solutions,
}: ActionProps & { outcomes: { id: string; label: string }[]; solutions: string[] }) {
  const t = useTexts();
  const o = t.outcomeForm;
  const [outcomeId, setOutcomeId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (solution: string, on: boolean) =>
    setChosen((was) => (on ? [...was, solution] : was.filter((s) => s !== solution)));
  return (
    <ActionDialog
      opener={t.case.outcome}
      title={o.title}
      subtitle={subtitle}
      submit={o.submit}
      fields={FIELDS}
      send={() =>
        send('outcome', filled({ outcomeId, ...(solutions.length > 0 ? { solutions: chosen } : {}) }))
      }
      reload={reload}
      onSent={() => {
        setOutcomeId('');
        setChosen([]);
      }}
    >
      {(errors) => (
        <>
          <Field label={o.outcome} required validationMessage={errors.outcomeId}>
            <RadioGroup value={outcomeId} onChange={(_e, data) => setOutcomeId(data.value)}>
              {outcomes.map((outcome) => (
                <Radio key={outcome.id} value={outcome.id} label={outcome.label} />
              ))}
            </RadioGroup>
          </Field>
          {solutions.length > 0 && (
            <SolutionsField
              legend={o.solutions}
              solutions={solutions}
              chosen={chosen}
              toggle={toggle}
              error={errors.solutions}
            />
          )}
        </>
      )}
    </ActionDialog>
  );
}
