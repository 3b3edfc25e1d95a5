import { useMemo } from 'react';
import { App, Button, Form, Modal, Popconfirm, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useT, type TFunction } from '../../i18n';
import { ErrorAlert, useAsync, type AsyncState } from '../../components/common';
import { useServerFormErrors } from '../../components/forms';
import { loadCategories } from '../matters/shared';

/** Props every catalogue tab gets from the page. */
export interface TabProps {
  writable: boolean;
}

export function useCategoryList() {
  const state = useAsync(() => loadCategories(true), []);
  const nameOf = useMemo(() => {
    const m = new Map((state.data ?? []).map((c) => [c.code, c]));
    return (code: string | null) => {
      if (!code) return null;
      const c = m.get(code);
      if (!c) return code;
      const p = c.parentCode ? m.get(c.parentCode) : null;
      return p ? `${p.name} / ${c.name}` : c.name;
    };
  }, [state.data]);
  return { state, nameOf };
}

/** The "add" button of a tab; shown to writers only. */
export function AddButton({
  writable,
  label,
  testid,
  onClick,
  style,
}: {
  writable: boolean;
  label: string;
  testid: string;
  onClick: () => void;
  style?: React.CSSProperties;
}) {
  return writable ? (
    <Button icon={<PlusOutlined />} style={style} onClick={onClick} data-testid={testid}>
      {label}
    </Button>
  ) : null;
}

/** A tab's table: load error above, small table fed from the async state (unless dataSource is given). */
export function CatalogueTable<T extends object>({
  state,
  ...props
}: { state: Pick<AsyncState<readonly T[]>, 'data' | 'loading' | 'error'> } & Omit<TableProps<T>, 'size' | 'loading'>) {
  return (
    <>
      {state.error ? <ErrorAlert error={state.error} /> : null}
      <Table<T> size="small" loading={state.loading} dataSource={state.data ?? []} {...props} />
    </>
  );
}

/** The trailing "actions" column, present for writers only. */
export function actionsColumn<T>(t: TFunction, writable: boolean, width: number, render: (r: T) => React.ReactNode) {
  return writable ? [{ title: t('common.actions'), key: 'a', width, render: (_: unknown, r: T) => render(r) }] : [];
}

/** "Delete" link with a confirmation; DELETEs `path`, then `onDeleted`, or shows the error as a message. */
export function DeleteAction({ path, onDeleted }: { path: string; onDeleted: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const remove = async () => {
    try {
      await api(path, { method: 'DELETE' });
      onDeleted();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Popconfirm title={t('catalogue.deleteConfirm')} onConfirm={() => void remove()}>
      <a>{t('catalogue.delete')}</a>
    </Popconfirm>
  );
}

/** A small modal form that PUTs/POSTs and reports server field errors. */
export function EditModal<V extends object>({
  open,
  title,
  initial,
  onClose,
  save,
  onSaved,
  children,
  testid,
}: {
  open: boolean;
  title: string;
  initial: Partial<V>;
  onClose: () => void;
  save: (v: V) => Promise<unknown>;
  onSaved: () => void;
  children: React.ReactNode;
  testid: string;
}) {
  const t = useT();
  const [form] = Form.useForm<V>();
  const state = useServerFormErrors(form);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => o && state.reset(initial)}
      onOk={() => form.submit()}
      okButtonProps={{ loading: state.busy, 'data-testid': `${testid}-submit` } as React.ComponentProps<typeof Button>}
    >
      {state.error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={state.error} />
        </div>
      ) : null}
      <Form<V> form={form} layout="vertical" data-testid={testid} onFinish={(v) => void state.submit(() => save(v), t('common.saved'), onSaved)}>
        {children}
      </Form>
    </Modal>
  );
}
