using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Jobs;

/// <summary>A handler type registered with <see cref="JobsRegistration.AddJobHandler{THandler}"/>.</summary>
public sealed record JobHandlerType(Type Type);

/// <summary>Which handler type runs which job kind; built once, on first use.</summary>
internal sealed class JobHandlerRegistry
{
    private readonly Lazy<IReadOnlyDictionary<string, Type>> _byKind;

    public JobHandlerRegistry(IEnumerable<JobHandlerType> handlers, IServiceScopeFactory scopes)
    {
        var types = handlers.Select(h => h.Type).Distinct().ToList();
        _byKind = new Lazy<IReadOnlyDictionary<string, Type>>(() => Build(types, scopes));
    }

    public bool TryGet(string kind, out Type handlerType) => _byKind.Value.TryGetValue(kind, out handlerType!);

    // A handler's kind is an instance property, so each is resolved once to ask it.
    private static Dictionary<string, Type> Build(List<Type> types, IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var byKind = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var kind = ((IJobHandler)scope.ServiceProvider.GetRequiredService(type)).Kind;
            if (!byKind.TryAdd(kind, type))
            {
                throw new InvalidOperationException($"Job kind '{kind}' has two handlers: {byKind[kind].FullName} and {type.FullName}.");
            }
        }
        return byKind;
    }
}
