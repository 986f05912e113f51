package dev.hoshi.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Axon's message metrics as Hoshi registers them ({@link AxonMessageMetrics}): in place of Axon's registry, whose
 * own auto-configuration steps back when one is defined.
 */
@AutoConfiguration(
        before = MicrometerMetricsAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(GlobalMetricRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class HoshiAxonMetricsAutoConfiguration {

    @Bean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new AxonMessageMetrics(registry);
    }
}
