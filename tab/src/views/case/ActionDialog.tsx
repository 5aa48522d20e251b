import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTexts } from '../../context.js';
import { formProblem, NO_PROBLEM, type FormProblem } from './refusals.js';

// One action on the case as a dialog form. The typed values live in the form (the caller's
// state), so a refusal leaves them as they were: messages at their fields, the rest above the
// form, and for a stale version a button that reloads the case (the next send carries its version).

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface ActionDialogProps {
  /** The button that opens the dialog. */
  opener: string;
  title: string;
  subtitle?: string;
  submit: string;
  /** The names of the fields this form shows, to place the server's field messages. */
  fields: readonly string[];
  /** Sends the form; resolves when the case has its new state. */
  send: () => Promise<void>;
  /** Reloads the case after a stale refusal. */
  reload: () => Promise<void>;
  /** After a successful send: a fresh form for the next time. */
  onSent?: () => void;
  children: (fieldErrors: Record<string, string>) => ReactNode;
}

export function ActionDialog(props: ActionDialogProps) {
  const t = useTexts();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const submitButton = useRef<HTMLButtonElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    try {
      await props.send();
      setProblem(NO_PROBLEM);
      setOpen(false);
      props.onSent?.();
    } catch (error) {
      setProblem(formProblem(error, props.fields, t.messages.errorText));
    } finally {
      setSending(false);
    }
  };

  const reload = async () => {
    try {
      await props.reload();
      setProblem(NO_PROBLEM);
      // The reload button goes with the message: keep the focus in the form, on its way to send again.
      submitButton.current?.focus();
    } catch (error) {
      setProblem(formProblem(error, [], t.messages.errorText));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        setOpen(data.open);
        if (!data.open) setProblem(NO_PROBLEM);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button>{props.opener}</Button>
      </DialogTrigger>
      <DialogSurface>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.content}>
              {props.subtitle && <Caption1>{props.subtitle}</Caption1>}
              {problem.message !== null && (
                <MessageBar intent={problem.stale ? 'warning' : 'error'}>
                  <MessageBarBody>{problem.message}</MessageBarBody>
                  {problem.stale && (
                    <MessageBarActions>
                      <Button onClick={() => void reload()}>{t.tab.case.reload}</Button>
                    </MessageBarActions>
                  )}
                </MessageBar>
              )}
              {props.children(problem.fields)}
            </DialogContent>
            <DialogActions>
              {sending && <Spinner size="tiny" label={t.tab.case.sending} />}
              <Button ref={submitButton} type="submit" appearance="primary" disabled={sending}>
                {props.submit}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t.common.cancel}</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
