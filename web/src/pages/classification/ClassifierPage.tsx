import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import { ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { ClassifierImportResult, ClassifierStatus, type CategoryModelLabel, type ClassifierImportResult as ImportResultT, type ClassifierStatus as StatusT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { errorKey, useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { fmtTime } from '../matters/shared';

// 智能分类模型 (admins): the model in use, how it scored on held-out matters, its categories, the
// data it has not seen yet, a button to train now and the import of a city's labelled history.

/** While a training runs (in any server process) the status is asked again this often. */
const POLL_MS = 2000;

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function ModelCard({ status }: { status: StatusT }) {
  const t = useT();
  const m = status.model;
  const trigger = (k: 'manual' | 'schedule') => t(k === 'manual' ? 'cls.trigger.manual' : 'cls.trigger.schedule');
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="classifier-model">
      {m ? (
        <>
          <Descriptions.Item label={t('cls.trainedAt')}>{fmtTime(m.trainedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cls.trainedBy')}>{m.trainedBy ? `${m.trainedBy.name}（${trigger(m.trigger)}）` : trigger(m.trigger)}</Descriptions.Item>
          <Descriptions.Item label={t('cls.rows')}>{t('cls.rowsValue', { matters: m.rows.matters, imported: m.rows.imported })}</Descriptions.Item>
          <Descriptions.Item label={t('cls.trainMs')}>{(m.trainMs / 1000).toFixed(1)} s · {t('cls.modelSize')} {size(m.modelBytes)}</Descriptions.Item>
          {m.metrics ? (
            <>
              <Descriptions.Item label={t('cls.macroF1')}>
                <b data-testid="classifier-macro-f1">{m.metrics.macroF1.toFixed(3)}</b>
              </Descriptions.Item>
              <Descriptions.Item label={t('cls.accuracy')}>{pct(m.metrics.accuracy)}</Descriptions.Item>
              <Descriptions.Item label={t('cls.holdout')}>{t('cls.holdoutValue', { n: m.metrics.holdoutRows })}</Descriptions.Item>
              <Descriptions.Item label={t('cls.lowShare')}>
                {pct(m.metrics.lowConfidenceShare)} · {t('cls.confidentAccuracy')} {pct(m.metrics.confidentAccuracy)}
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label={t('cls.macroF1')}>{t('cls.noMetrics')}</Descriptions.Item>
          )}
        </>
      ) : null}
      <Descriptions.Item label={t('cls.data')} span={2}>
        {t('cls.dataValue', { matters: status.data.closedMatters, imported: status.data.imported })}{' '}
        {status.data.newSinceModel ? <Tag color="orange">{t('cls.newData')}</Tag> : <Tag color="green">{t('cls.upToDate')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('cls.schedule')} span={2}>
        {status.settings.retrainHours > 0
          ? t('cls.scheduleEvery', { hours: status.settings.retrainHours, min: status.settings.minExamples })
          : t('cls.scheduleOff', { min: status.settings.minExamples })}
      </Descriptions.Item>
    </Descriptions>
  );
}

function ImportResult({ result }: { result: ImportResultT }) {
  const t = useT();
  const reasonKey = { unknown_label: 'cls.skip.unknown_label', empty_label: 'cls.skip.empty_label', empty_text: 'cls.skip.empty_text' } as const;
  return (
    <Alert
      type={result.skipped.length ? 'warning' : 'success'}
      showIcon
      data-testid="classifier-import-result"
      title={t('cls.importDone', { n: result.imported, encoding: result.encoding })}
      description={
        <>
          <div>{result.labels.map((l) => `${l.name} ${l.count}`).join('，')}</div>
          {result.skipped.length ? (
            <>
              <b>{t('cls.skipped')}</b>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {result.skipped.map((s) => (
                  <li key={`${s.reason}:${s.label}`} data-testid="classifier-import-skipped">
                    {t('cls.skipRows', { reason: t(reasonKey[s.reason]), label: s.label, count: s.count, rows: s.rows.join(', ') + (s.count > s.rows.length ? '…' : '') })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      }
    />
  );
}

function ClassifierInner() {
  const t = useT();
  const { message } = App.useApp();
  const status = useAsync((signal) => api('/api/classifier/status', { schema: ClassifierStatus, signal }), []);
  const [current, setCurrent] = useState<StatusT | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<ImportResultT | null>(null);
  const s = current ?? status.data;

  useEffect(() => setCurrent(status.data), [status.data]);
  // Ask again while a training runs, so the new model shows when it is stored.
  useEffect(() => {
    if (!s?.training) return;
    const timer = setTimeout(status.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [s, status.reload]);

  const train = async () => {
    setBusy(true);
    setError(null);
    try {
      setCurrent(await api('/api/classifier/train', { method: 'POST', schema: ClassifierStatus }));
      void message.success(t('cls.trainStarted'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setImported(null);
    try {
      // Browsers call a .csv file many things (application/vnd.ms-excel on Windows): the server reads text/csv.
      setImported(await api('/api/classifier/training-rows', { method: 'POST', rawBody: new Blob([file], { type: 'text/csv' }), schema: ClassifierImportResult }));
      status.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: t('cls.labels'), dataIndex: 'name' },
    { title: t('cls.labelCode'), dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('cls.labelCount'), dataIndex: 'count', align: 'right' as const },
    { title: t('cls.labelF1'), dataIndex: 'f1', align: 'right' as const, render: (f: number | null) => (f === null ? '—' : f.toFixed(3)) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="classifier-page">
      <Card
        title={t('cls.title')}
        extra={
          <Button type="primary" icon={<ExperimentOutlined />} loading={busy || !!s?.training} onClick={() => void train()} data-testid="classifier-train">
            {t('cls.trainNow')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('cls.intro')}</Typography.Paragraph>
        {status.error ? <ErrorAlert error={status.error} /> : null}
        {error ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        {s?.training ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="classifier-training"
            title={t('cls.training', { trigger: t(s.training.trigger === 'manual' ? 'cls.trigger.manual' : 'cls.trigger.schedule'), at: fmtTime(s.training.startedAt) })}
          />
        ) : null}
        {s?.lastError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="classifier-last-error"
            title={t('cls.lastError', { at: fmtTime(s.lastError.at) })}
            description={`${s.lastError.code === 'NOT_ENOUGH_DATA' ? t(errorKey('NOT_ENOUGH_DATA')) + '：' : ''}${s.lastError.message}`}
          />
        ) : null}
        {s && !s.model ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('cls.noModel')} data-testid="classifier-no-model" /> : null}
        {s ? <ModelCard status={s} /> : null}
        {s?.model ? (
          <Table<CategoryModelLabel> style={{ marginTop: 16 }} size="small" rowKey="code" data-testid="classifier-labels" dataSource={s.model.labels} columns={columns} pagination={false} />
        ) : null}
      </Card>
      <Card title={t('cls.import')}>
        <Typography.Paragraph type="secondary">{t('cls.importHint')}</Typography.Paragraph>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="classifier-import">
            {t('cls.importChoose')}
          </Button>
        </Upload>
        {imported ? (
          <div style={{ marginTop: 12 }}>
            <ImportResult result={imported} />
          </div>
        ) : null}
      </Card>
    </Space>
  );
}

export default function ClassifierPage() {
  return (
    <Guard need="classifier.manage">
      <ClassifierInner />
    </Guard>
  );
}
