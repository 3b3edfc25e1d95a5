import { useState } from 'react';
import { Alert, Button, Modal, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { AreaImportResult } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../components/common';

export function ImportGeoJson({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ created: number; updated: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(t('area.importBadFile'));
      }
      const r = await api('/api/areas/import', { method: 'POST', body, schema: AreaImportResult });
      setResult(r);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-open">
        {t('area.import')}
      </Button>
      <Modal open={open} title={t('area.import')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <p>{t('area.importHint')}</p>
        <Upload
          accept=".geojson,.json,application/geo+json,application/json"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="import-file">
            {t('area.import')}
          </Button>
        </Upload>
        <div style={{ marginTop: 12 }}>
          {result ? <Alert type="success" showIcon data-testid="import-result" title={t('area.importResult', result)} /> : null}
          {error ? <ErrorAlert error={error} /> : null}
        </div>
      </Modal>
    </>
  );
}
