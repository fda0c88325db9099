import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';

/**
 * A settings change: on success the section's queries reload and a short confirmation shows; on
 * failure main's message is kept so each input can show the error of its own field.
 */
export function useSettingsSave<Input, Output>(options: { save: (input: Input) => Promise<Output>; done: string; reload: readonly (readonly string[])[]; onSaved?: (saved: Output) => void }) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: options.save,
    onSuccess: (saved) => {
      for (const key of options.reload) void client.invalidateQueries({ queryKey: key });
      notifications.show({ color: 'teal', message: options.done });
      options.onSaved?.(saved);
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error.data : mutation.error ? { code: 'internal' as const, message: mutation.error.message } : null;
  /** Main's message when it names this field (`steps.2.dpdTrigger` matches `steps.2.dpdTrigger`). */
  const fieldError = (field: string): string | undefined => (error?.field === field ? withoutPrefix(error.message, field) : undefined);
  return { ...mutation, problem: error, fieldError };
}

/** "settings.saveQueue: rules.0.dpdMax: must not…" beside its input reads "must not…". */
function withoutPrefix(message: string, field: string): string {
  const rest = message.replace(/^[a-z]+\.[A-Za-z]+: /, '');
  return rest.startsWith(`${field}: `) ? rest.slice(field.length + 2) : rest;
}

/** Minor units for an amount typed in major units, by the currency's own number of decimals. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** fractionDigits(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
