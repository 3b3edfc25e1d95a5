import { useEffect, useRef } from 'react';
import { Alert, Button, List, Space, Spin, Tag, Typography } from 'antd';
import { CategorySuggestions } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useAsync } from '../../components/common';

/**
 * 定类别 help on the triage form: the categories the classifier (or, without a model, the keyword
 * lists) suggests for the matter, each with its confidence and the unit the routing rules would
 * send it to in the matter's area. A confident top suggestion fills an empty category field; a
 * low-confidence answer says so and never chooses for the dispatcher.
 */
export function TriageCategorySuggestions({
  matterId,
  value,
  onPick,
  autoPick,
}: {
  matterId: string;
  value: string | undefined;
  onPick: (code: string) => void;
  /** Fill the category with a confident top suggestion (the matter has none yet). */
  autoPick: boolean;
}) {
  const t = useT();
  const s = useAsync((signal) => api('/api/matters/suggest-category', { method: 'POST', body: { matterId }, schema: CategorySuggestions, signal }), [matterId]);
  const picked = useRef(false);
  useEffect(() => {
    const top = s.data?.suggestions[0];
    if (!autoPick || picked.current || !top || s.data!.lowConfidence || value) return;
    picked.current = true;
    onPick(top.code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.data]);
  // The suggestion is help, not a gate: when it cannot be had, the dispatcher chooses as before.
  if (s.error) return null;
  if (!s.data) return <Spin size="small" />;
  const d = s.data;
  return (
    <div data-testid="triage-category-suggestions" data-source={d.source} data-low={d.lowConfidence} style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">
        {t('cls.suggestTitle')} {d.source ? <Tag data-testid="triage-category-source">{t(d.source === 'model' ? 'cls.source.model' : 'cls.source.keywords')}</Tag> : null}
      </Typography.Text>
      {d.suggestions.length === 0 ? (
        <Alert type="info" showIcon style={{ marginTop: 4 }} title={t('cls.noSuggestion')} data-testid="triage-category-none" />
      ) : (
        <List
          size="small"
          dataSource={d.suggestions}
          renderItem={(c) => (
            <List.Item
              data-testid="triage-category-suggestion"
              data-code={c.code}
              actions={[
                value === c.code ? (
                  <Tag key="u" color="blue">
                    ✓
                  </Tag>
                ) : (
                  <Button key="u" size="small" onClick={() => onPick(c.code)} data-testid="triage-category-use">
                    {t('cls.use')}
                  </Button>
                ),
              ]}
            >
              <Space wrap size={8}>
                <b>{c.name}</b>
                <Tag color={d.lowConfidence ? 'default' : 'green'}>{Math.round(c.confidence * 100)}%</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="triage-category-unit">
                  {c.unit ? t('cls.unitFor', { unit: c.unit.name }) : t('cls.noUnit')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {d.lowConfidence && d.suggestions.length > 0 ? <Alert type="warning" showIcon title={t('cls.lowConfidence')} data-testid="triage-category-low" /> : null}
    </div>
  );
}
