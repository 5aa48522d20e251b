import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ApiError } from '../api.js';

// A failed load: what failed in the reader's words, the server's own message when it sent one
// (already in the reader's language), and a retry. A network error's text (the browser's, often
// English) is not shown.

export function ErrorBar(props: {
  title: string;
  error: unknown;
  retryLabel?: string;
  onRetry?: () => void;
}) {
  const detail = props.error instanceof ApiError ? props.error.message : '';
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {detail}
      </MessageBarBody>
      {props.onRetry && props.retryLabel && (
        <MessageBarActions>
          <Button onClick={props.onRetry}>{props.retryLabel}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
