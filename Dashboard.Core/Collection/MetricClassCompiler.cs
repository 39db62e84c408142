using System.Linq.Expressions;
using System.Reflection;
using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>
/// Checks a metrics class's declarations against Prometheus's naming conventions and compiles, with an expression
/// tree, one <see cref="MetricClass.MetricReader"/> that reads every declared member straight into the writer's
/// buffers, as hand-written code would: no reflection, boxing or allocation per collect.
/// </summary>
internal static class MetricClassCompiler
{
    private const string Supported = "double, float, decimal, long, int, short, sbyte, ulong, uint, ushort, byte, bool, " +
        "TimeSpan, or a nullable of one of them";

    // Prometheus wants base units; these are the usual slips.
    private static readonly Dictionary<string, string> NonBaseUnits = new(StringComparer.Ordinal)
    {
        ["milliseconds"] = "seconds",
        ["microseconds"] = "seconds",
        ["nanoseconds"] = "seconds",
        ["ms"] = "seconds",
        ["minutes"] = "seconds",
        ["hours"] = "seconds",
        ["kilobytes"] = "bytes",
        ["megabytes"] = "bytes",
        ["gigabytes"] = "bytes",
        ["percent"] = "ratio (0 to 1)",
    };

    // Converted to double by a plain numeric conversion.
    private static readonly HashSet<Type> Numbers =
    [
        typeof(double), typeof(float), typeof(decimal), typeof(long), typeof(int), typeof(short), typeof(sbyte),
        typeof(ulong), typeof(uint), typeof(ushort), typeof(byte),
    ];

    private static readonly MethodInfo TotalSeconds = typeof(TimeSpan).GetProperty(nameof(TimeSpan.TotalSeconds))!.GetMethod!;

    public static MetricClass Compile(Type type)
    {
        var errors = new List<string>();
        if (!type.IsClass || type.ContainsGenericParameters)
        {
            throw new MetricDeclarationException(
                $"Metrics class {type.FullName} cannot be written: it must be a closed class (not a struct, interface or open generic).");
        }

        var metrics = new List<DeclaredMetric>();
        var readers = new List<(MemberInfo Member, Type ValueType)>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (member, attribute) in MetricClasses.DeclaredMembers(type))
        {
            var where = $"{member.DeclaringType!.Name}.{member.Name}";
            var valueType = Check(member, attribute, errors, where);
            if (valueType is null)
            {
                continue;
            }

            if (byName.TryGetValue(attribute.Name, out var first))
            {
                errors.Add($"{where}: metric '{attribute.Name}' is already declared by {first}; each name once per class " +
                    "(write the class again with other labels for more series of one metric)");
                continue;
            }

            byName.Add(attribute.Name, where);
            // Interned: names read from attribute metadata are fresh strings, and the series table's look-up compares
            // names by reference first, as it finds the literals a hand-written Write passes.
            metrics.Add(new DeclaredMetric(string.Intern(attribute.Name), attribute.Kind, attribute.Help, attribute.Unit, where));
            readers.Add((member, valueType));
        }

        if (errors.Count == 0 && metrics.Count == 0)
        {
            errors.Add("it declares no metrics: mark its properties or fields with [Metric(\"name\")]");
        }

        if (errors.Count > 0)
        {
            throw new MetricDeclarationException($"Metrics class {type.FullName} is declared wrongly: {string.Join("; ", errors)}.");
        }

        return new MetricClass(type, [.. metrics], BuildReader(type, readers));
    }

    /// <returns>The member's value type when it is declared rightly, else <see langword="null"/>.</returns>
    private static Type? Check(MemberInfo member, MetricAttribute attribute, List<string> errors, string where)
    {
        var before = errors.Count;
        Type valueType;
        switch (member)
        {
            case PropertyInfo property:
                valueType = property.PropertyType;
                if (property.GetMethod is null)
                {
                    errors.Add($"{where}: the property has no getter");
                }
                else if (property.GetMethod.IsStatic)
                {
                    errors.Add($"{where}: the property is static; metrics are read from the object written");
                }
                else if (property.GetIndexParameters().Length > 0)
                {
                    errors.Add($"{where}: an indexer cannot be a metric");
                }

                break;
            case FieldInfo field:
                valueType = field.FieldType;
                if (field.IsStatic)
                {
                    errors.Add($"{where}: the field is static; metrics are read from the object written");
                }

                break;
            default:
                return null;
        }

        var name = attribute.Name;
        if (!MetricNames.IsValidMetricName(name))
        {
            errors.Add($"{where}: metric name '{name}' is invalid: it must match [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        else
        {
            CheckConventions(name, attribute, valueType, errors, where);
        }

        var plain = Nullable.GetUnderlyingType(valueType) ?? valueType;
        if (!Numbers.Contains(plain) && plain != typeof(bool) && plain != typeof(TimeSpan))
        {
            var shown = plain == valueType ? valueType.Name : plain.Name + "?";
            errors.Add($"{where}: type {shown} is not supported; use {Supported}");
        }

        return errors.Count == before ? valueType : null;
    }

    private static void CheckConventions(string name, MetricAttribute attribute, Type valueType, List<string> errors, string where)
    {
        const string Total = "_total";
        var isTotal = name.EndsWith(Total, StringComparison.Ordinal);
        switch (attribute.Kind)
        {
            case MetricKind.Counter when !isTotal:
                errors.Add($"{where}: counter '{name}' must end in _total");
                break;
            case MetricKind.Gauge when isTotal:
                errors.Add($"{where}: gauge '{name}' must not end in _total (set Kind = MetricKind.Counter if it only goes up)");
                break;
            case MetricKind.Counter or MetricKind.Gauge:
                break;
            default:
                errors.Add($"{where}: kind {(int)attribute.Kind} is not a MetricKind");
                break;
        }

        var stem = isTotal ? name[..^Total.Length] : name;
        if (attribute.Unit is { } unit)
        {
            if (unit.Length == 0 || !unit.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                errors.Add($"{where}: unit '{unit}' is invalid: it must be lower-case letters, digits and _");
            }
            else if (NonBaseUnits.TryGetValue(unit, out var baseUnit))
            {
                errors.Add($"{where}: unit '{unit}' is not a base unit; use {baseUnit}");
            }
            else if (!stem.EndsWith("_" + unit, StringComparison.Ordinal))
            {
                errors.Add($"{where}: metric '{name}' must end in _{unit}{(isTotal ? Total : "")} (its Unit is '{unit}'); " +
                    "the unit is not appended, so the name in the code is the name stored");
            }
        }

        if ((Nullable.GetUnderlyingType(valueType) ?? valueType) == typeof(TimeSpan)
            && !stem.EndsWith("_seconds", StringComparison.Ordinal))
        {
            errors.Add($"{where}: a TimeSpan is written in seconds, so metric '{name}' must end in _seconds{(isTotal ? Total : "")}");
        }
    }

    // (object source, double[] values, bool[] present) => { var s = (T)source; values[0] = (double)s.A; present[0] = true; ... }
    private static MetricClass.MetricReader BuildReader(Type type, List<(MemberInfo Member, Type ValueType)> readers)
    {
        var source = Expression.Parameter(typeof(object), "source");
        var values = Expression.Parameter(typeof(double[]), "values");
        var present = Expression.Parameter(typeof(bool[]), "present");
        var typed = Expression.Variable(type, "metrics");
        var variables = new List<ParameterExpression> { typed };
        var body = new List<Expression> { Expression.Assign(typed, Expression.Convert(source, type)) };

        for (var i = 0; i < readers.Count; i++)
        {
            var (member, valueType) = readers[i];
            var value = Expression.MakeMemberAccess(typed, member);
            var index = Expression.Constant(i);
            var valueSlot = Expression.ArrayAccess(values, index);
            var presentSlot = Expression.ArrayAccess(present, index);
            if (Nullable.GetUnderlyingType(valueType) is { } underlying)
            {
                // Read once into a local: a property may compute its value.
                var local = Expression.Variable(valueType, "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                variables.Add(local);
                var hasValue = Expression.Property(local, nameof(Nullable<int>.HasValue));
                var inner = Expression.Call(local, valueType.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!);
                body.Add(Expression.Assign(local, value));
                body.Add(Expression.Assign(presentSlot, hasValue));
                body.Add(Expression.IfThen(hasValue, Expression.Assign(valueSlot, ToDouble(inner))));
            }
            else
            {
                body.Add(Expression.Assign(valueSlot, ToDouble(value)));
                body.Add(Expression.Assign(presentSlot, Expression.Constant(true)));
            }
        }

        var lambda = Expression.Lambda<MetricClass.MetricReader>(Expression.Block(variables, body), $"Read{type.Name}",
            [source, values, present]);
        return lambda.Compile();
    }

    /// <summary>The value of a supported, non-nullable type as a double.</summary>
    private static Expression ToDouble(Expression value)
    {
        var type = value.Type;
        if (type == typeof(double))
        {
            return value;
        }

        if (type == typeof(bool))
        {
            return Expression.Condition(value, Expression.Constant(1d), Expression.Constant(0d));
        }

        return type == typeof(TimeSpan) ? Expression.Property(value, TotalSeconds) : Expression.Convert(value, typeof(double));
    }
}
