import Records

/// How a figure's axes are fitted and titled: one way for line plots and
/// sweep plots alike.
extension PlotAxes {
    /// The axes spanning the data values `xs` and `ys`, each padded by its
    /// fraction of the span; values the scale cannot show (≤ 0 or
    /// non-finite on a log axis, non-finite on a linear one) are left out,
    /// and `shown` counts those kept on each axis.
    func fitted(xs: [Double], ys: [Double], xPad: Double, yPad: Double)
        -> (x: Axis, y: Axis, shown: (xs: Int, ys: Int)) {
        let xProbe = Axis(scale: xScale, lo: 0, hi: 1), yProbe = Axis(scale: yScale, lo: 0, hi: 1)
        let x = xs.compactMap(xProbe.transform), y = ys.compactMap(yProbe.transform)
        return (Axis.fitting(x.min(), x.max(), scale: xScale, pad: xPad),
                Axis.fitting(y.min(), y.max(), scale: yScale, pad: yPad), (x.count, y.count))
    }

    /// Margins for a plot of these axes, titled by `title(_:_:)`.
    func layout(width: Double, height: Double, top: Double) -> PlotLayout {
        PlotLayout(width: width, height: height, top: top,
                   xTitle: Self.title(xLabel, xScale), yTitle: Self.title(yLabel, yScale))
    }

    /// An axis title: the label, marked "(log scale)" on a log axis.
    static func title(_ label: String, _ scale: AxisScale) -> String {
        scale == .log ? (label.isEmpty ? "log scale" : label + " (log scale)") : label
    }
}
