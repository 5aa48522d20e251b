import { Checkbox, Label, Text, makeStyles, tokens } from '@fluentui/react-components';

// The solutions agreed, one box each, in a fieldset of their own: a Fluent Field would name every
// box after the field's label instead of its own solution.

const useStyles = makeStyles({
  set: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function SolutionsField(props: {
  legend: string;
  solutions: string[];
  chosen: string[];
  toggle: (solution: string, on: boolean) => void;
  error: string | undefined;
}) {
  const styles = useStyles();
  return (
    <fieldset className={styles.set} aria-invalid={props.error ? true : undefined}>
      <legend>
        <Label>{props.legend}</Label>
      </legend>
      {props.solutions.map((solution) => (
        <Checkbox
          key={solution}
          label={solution}
          checked={props.chosen.includes(solution)}
          onChange={(_e, data) => props.toggle(solution, data.checked === true)}
        />
      ))}
      {props.error && (
        <Text role="alert" className={styles.error}>
          {props.error}
        </Text>
      )}
    </fieldset>
  );
}
