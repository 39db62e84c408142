using System.Globalization;
using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>A string literal, as <c>count_values</c> and <c>label_replace</c> take them, or a query on its own.</summary>
/// <param name="Value">The unescaped value.</param>
public sealed record StringLiteral(string Value) : Expr
{
    /// <inheritdoc />
    public override PromQLType Type => PromQLType.StringValue;

    /// <summary>Quotes a string with double quotes and Go escapes, as Prometheus prints strings.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Quote(Value);
}
