// One indicator's chart: the planned path (baseline → milestones in force → target in force, as the indicator's
// measurement basis reads them), the findings in force as points, and a dashed vertical marker at each known target
// revision, whose tooltip says who, why and on which decision. The x axis counts years: the end of year y is at y, so annual figures sit on the year's tick.
import {recorder, targetText, word} from './words.js';

function yearPosition(isoDate) {
    const date = new Date(isoDate + 'T00:00:00Z');
    const year = date.getUTCFullYear();
    const start = Date.UTC(year, 0, 1);
    const length = Date.UTC(year + 1, 0, 1) - start;
    return year - 1 + (date.getTime() - start + 86400000) / length;
}

/**
 * The points of the planned path, in year order, as the indicator's measurement basis reads them: a level runs from
 * the baseline through the milestones to the target; an accumulated total runs from zero at the end of the year
 * before the period (the baseline is the previous period's total); an interval figure has no path through the years,
 * only the previous interval's figure and the target for this one.
 */
function plannedPath(indicator, period) {
    const basis = basisOf(indicator);
    const points = [];
    if (basis === 'ACCUMULATED') {
        points.push({x: period.from - 1, y: 0, label: word('accumulatedFromZero')});
    } else if (indicator.baseline?.value != null) {
        points.push({x: indicator.baseline.year, y: Number(indicator.baseline.value),
            label: word('baseline') + (basis === 'INTERVAL' ? ` (${word('intervalFigure')})` : '')});
    }
    for (const milestone of indicator.milestones ?? []) {
        points.push({x: milestone.year, y: Number(milestone.value), label: `${milestone.year}`});
    }
    if (indicator.target?.value != null) {
        points.push({x: indicator.target.year, y: Number(indicator.target.value),
            label: `${word('target')} ${targetText(indicator.target)}`
                + (basis === 'INTERVAL' ? ` (${word('intervalFigure')})` : '')});
    }
    return points.sort((a, b) => a.x - b.x);
}

const basisOf = indicator => indicator.measurementBasis?.basis ?? 'LEVEL';

/** The version in force of each finding for the point of view, as points. */
function findingPoints(history, point) {
    const points = [];
    for (const finding of history.findings) {
        const inForce = finding.versions
            .filter(v => isKnown(v, point) && v.effectiveFrom <= point.asOf)
            .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.globalSequence - b.globalSequence)
            .pop();
        if (inForce && !inForce.value.withdrawn && inForce.value.observedValue != null) {
            points.push({x: finding.year, y: Number(inForce.value.observedValue),
                label: [`${finding.findingId} ${finding.year}: ${inForce.value.observedValue}`,
                    word(inForce.value.assessment ?? '') + ' · ' + recorder(inForce)]});
        }
    }
    return points;
}

function revisionPoints(history, point) {
    return history.versions
        .filter(v => v.attribute === 'target' && v.type !== 'IndicatorAdopted' && isKnown(v, point))
        .map(v => ({x: yearPosition(v.effectiveFrom), y: Number(v.value.value), label: [
            `${word('revised')} ${v.effectiveFrom} ${word('since')}: ${targetText(v.value)}`,
            `${word('by')}: ${recorder(v)}`, `${word('reason')}: ${v.reason ?? '—'}`,
            `${word('decision')}: ${v.decisionRef ?? '—'}${v.decisionDate ? ' (' + v.decisionDate + ')' : ''}`]}));
}

function isKnown(version, point) {
    return !point.knownAt || Date.parse(version.recordedAt) <= Date.parse(point.knownAt);
}

// Draws full-height lines at the revisions (dashed) and at the chosen date (grey), behind the data.
const verticalMarkers = {
    id: 'verticalMarkers',
    beforeDatasetsDraw(chart, args, options) {
        const {ctx, chartArea, scales: {x}} = chart;
        const line = (position, colour, dash) => {
            const px = x.getPixelForValue(position);
            if (px < chartArea.left || px > chartArea.right) return;
            ctx.save();
            ctx.strokeStyle = colour;
            ctx.setLineDash(dash);
            ctx.beginPath();
            ctx.moveTo(px, chartArea.top);
            ctx.lineTo(px, chartArea.bottom);
            ctx.stroke();
            ctx.restore();
        };
        options.revisions.forEach(p => line(p.x, '#b45309', [6, 4]));
        line(options.asOf, '#6b7280', []);
    },
};

export function drawIndicatorChart(canvas, indicator, history, point, period) {
    Chart.getChart(canvas)?.destroy();
    const revisions = revisionPoints(history, point);
    canvas.setAttribute('aria-label', `${indicator.name}: ${word('plannedPath')} `
        + plannedPath(indicator, period).map(p => `${p.x} ${p.y}`).join(', '));
    return new Chart(canvas, {
        type: 'scatter',
        data: {
            datasets: [
                {label: word('plannedPath'), data: plannedPath(indicator, period),
                    showLine: basisOf(indicator) !== 'INTERVAL',
                    borderColor: '#1d4ed8', backgroundColor: '#1d4ed8'},
                {label: word('findings'), data: findingPoints(history, point), pointRadius: 6,
                    pointStyle: 'rectRot', borderColor: '#047857', backgroundColor: '#047857'},
                {label: word('revisions'), data: revisions, pointRadius: 8, pointStyle: 'triangle',
                    borderColor: '#b45309', backgroundColor: '#b45309'},
            ],
        },
        options: {
            animation: false,
            maintainAspectRatio: false,
            scales: {
                x: {type: 'linear', min: period.from - 1, max: period.to,
                    ticks: {stepSize: 1, callback: value => Number.isInteger(value) ? String(value) : ''}},
                y: {title: {display: true, text: indicator.unit ?? ''}},
            },
            plugins: {
                verticalMarkers: {revisions, asOf: yearPosition(point.asOf)},
                tooltip: {callbacks: {label: context => context.raw.label}},
            },
        },
        plugins: [verticalMarkers],
    });
}
