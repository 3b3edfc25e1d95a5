import { useState } from 'react';
import { Button, Card, Space } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { Action } from '@fengqiao/shared';
import { useT } from '../i18n';
import { AsyncGate, Guard, NotFound, useAsync } from './common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RecordRender<T> = (record: T, reload: () => void) => React.ReactNode;

function RecordLoader<T>({ id, load, render }: { id: string; load: (id: string, signal: AbortSignal) => Promise<T>; render: RecordRender<T> }) {
  const state = useAsync((signal) => load(id, signal), [id]);
  return <AsyncGate state={state}>{(record) => render(record, state.reload)}</AsyncGate>;
}

/**
 * Detail page for the record whose UUID is the `:id` route param: 403 without `need`,
 * the 404 Result (data-testid="not-found") for a malformed id or a 404 answer, a spinner while loading.
 * `children` must not call hooks itself; render a component from it.
 */
export function RecordPage<T>({
  need,
  load,
  children,
}: {
  need: Action;
  load: (id: string, signal: AbortSignal) => Promise<T>;
  children: RecordRender<T>;
}) {
  const { id = '' } = useParams();
  return <Guard need={need}>{UUID.test(id) ? <RecordLoader key={id} id={id} load={load} render={children} /> : <NotFound />}</Guard>;
}

export interface EditorProps {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** Card with a back link and (when `canEdit`) an Edit button that opens `editor`; `onSaved` runs after a save. */
export function DetailCard({
  title,
  backTo,
  canEdit,
  editTestId,
  editor,
  onSaved,
  children,
}: {
  title: React.ReactNode;
  backTo: string;
  canEdit: boolean;
  editTestId: string;
  editor: (p: EditorProps) => React.ReactNode;
  onSaved: () => void;
  children: React.ReactNode;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title={title}
      extra={
        <Space>
          <Link to={backTo}>{t('common.back')}</Link>
          {canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={editTestId}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {children}
      {editor({
        open: editing,
        onClose: () => setEditing(false),
        onSaved: () => {
          setEditing(false);
          onSaved();
        },
      })}
    </Card>
  );
}
