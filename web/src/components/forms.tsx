import { useCallback, useState } from 'react';
import { App, Button, Drawer, Space, type FormInstance } from 'antd';
import { useT } from '../i18n';
import { applyFieldErrors, ErrorAlert } from './common';

export interface ServerFormErrors<V> {
  error: unknown;
  busy: boolean;
  /** Clear the error, reset the form and fill it with `values` (call when the drawer opens). */
  reset: (values: Partial<V>) => void;
  /**
   * Run `save`; on success show `successText` and hand the result to `onSaved`;
   * on failure map ApiError details[].path onto form fields and keep the error for <FormDrawer>.
   */
  submit: <R>(save: () => Promise<R>, successText: string, onSaved: (r: R) => void) => Promise<void>;
}

export function useServerFormErrors<V>(form: FormInstance<V>): ServerFormErrors<V> {
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reset = useCallback(
    (values: Partial<V>) => {
      setError(null);
      form.resetFields();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      form.setFieldsValue(values as any);
    },
    [form],
  );

  const submit = async <R,>(save: () => Promise<R>, successText: string, onSaved: (r: R) => void) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await save();
      void message.success(successText);
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return { error, busy, reset, submit };
}

/** Edit/create drawer: Cancel + Save (submits `form`) in the header, server error above the form. */
export function FormDrawer({
  open,
  onClose,
  title,
  form,
  state,
  submitTestId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: React.ReactNode;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormInstance<any>;
  state: Pick<ServerFormErrors<unknown>, 'error' | 'busy'>;
  submitTestId: string;
  children: React.ReactNode;
}) {
  const t = useT();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={state.busy} onClick={() => form.submit()} data-testid={submitTestId}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {state.error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={state.error} />
        </div>
      ) : null}
      {children}
    </Drawer>
  );
}
