using System.Reflection;
using System.Reflection.Emit;
using Azure.Storage.Queues.Models;
using LeadScoring.LocalHost.Catalog;
using Microsoft.Azure.WebJobs;

namespace LeadScoring.LocalHost.Triggers;

/// <summary>
/// Emits the class the WebJobs SDK indexes, as the Functions host does from functions.metadata: for each worker
/// queue function a method <c>[FunctionName(name)] Task name([QueueTrigger(queue, Connection = ...)] QueueMessage
/// message, CancellationToken cancellationToken)</c>, and for each timer function one taking
/// <c>[TimerTrigger(schedule)] TimerInfo timer</c>; each calls <see cref="TriggerFunctions"/>. Written by hand: the SDK
/// takes functions only as attributed methods of types, and the host's own generator is internal to it.
/// </summary>
internal static class TriggerTypeGenerator
{
    public static Type Generate(IEnumerable<QueueFunctionDescriptor> queues, IEnumerable<TimerFunctionDescriptor> timers)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("LeadScoring.LocalHost.Triggers"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("Triggers")
            .DefineType("LeadScoring.LocalHost.Triggers.Functions", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(TriggerFunctions));
        DefineConstructor(type);
        foreach (var function in queues)
        {
            var trigger = new CustomAttributeBuilder(
                typeof(QueueTriggerAttribute).GetConstructor([typeof(string)])!, [function.QueueName],
                [typeof(QueueTriggerAttribute).GetProperty(nameof(QueueTriggerAttribute.Connection))!], [function.Connection]);
            DefineFunction(type, function.Name, typeof(QueueMessage), trigger, nameof(TriggerFunctions.DispatchAsync));
        }

        foreach (var function in timers)
        {
            // UseMonitor off: the host keeps no schedule status for intervals under a minute either, and locally
            // there is no one to catch up for.
            var trigger = new CustomAttributeBuilder(
                typeof(TimerTriggerAttribute).GetConstructor([typeof(string)])!, [function.Schedule],
                [typeof(TimerTriggerAttribute).GetProperty(nameof(TimerTriggerAttribute.RunOnStartup))!, typeof(TimerTriggerAttribute).GetProperty(nameof(TimerTriggerAttribute.UseMonitor))!],
                [function.RunOnStartup, false]);
            DefineFunction(type, function.Name, typeof(TimerInfo), trigger, nameof(TriggerFunctions.DispatchTimerAsync));
        }

        return type.CreateType();
    }

    private static void DefineConstructor(TypeBuilder type)
    {
        var baseConstructor = typeof(TriggerFunctions).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Single();
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(TriggerDispatcher)]);
        constructor.DefineParameter(1, ParameterAttributes.None, "dispatcher");
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, baseConstructor);
        il.Emit(OpCodes.Ret);
    }

    /// <summary><c>[FunctionName(name)] Task name([trigger] T input, CancellationToken cancellationToken) => dispatch(name, input, cancellationToken)</c>.</summary>
    private static void DefineFunction(TypeBuilder type, string name, Type input, CustomAttributeBuilder trigger, string dispatch)
    {
        var method = type.DefineMethod(name, MethodAttributes.Public, typeof(Task), [input, typeof(CancellationToken)]);
        method.SetCustomAttribute(new CustomAttributeBuilder(typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!, [name]));
        method.DefineParameter(1, ParameterAttributes.None, "input").SetCustomAttribute(trigger);
        method.DefineParameter(2, ParameterAttributes.None, "cancellationToken");

        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldstr, name);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Call, typeof(TriggerFunctions).GetMethod(dispatch)!);
        il.Emit(OpCodes.Ret);
    }
}
